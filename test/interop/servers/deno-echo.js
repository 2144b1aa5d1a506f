// Echo server on Deno.serve and Deno.upgradeWebSocket with their default settings, as Deno's docs
// show (docs.deno.com/api/deno/~/Deno.upgradeWebSocket); only the hostname and port are set. A text
// message arrives as a string and a binary one as an ArrayBuffer (or Blob), and socket.send sends
// each back as the same type. The docs' guard against requests that are no upgrade compares the
// Upgrade header exactly; RFC 6455 4.2.1 makes its value case-insensitive, so this one lowers it
// first (otherwise "Upgrade: WebSocket" would get the 501 of this file, not Deno's answer).
const port = Number(Deno.args[0]);

Deno.serve({ hostname: '127.0.0.1', port }, (req) => {
  if (req.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
    return new Response(null, { status: 501 });
  }
  const { socket, response } = Deno.upgradeWebSocket(req);
  socket.onmessage = (event) => {
    socket.send(event.data);
  };
  return response;
});
