# Echo server on the python websockets library (asyncio API) with its default settings, as its
# docs show; only the host and port are set. A text message arrives as str and a binary one as
# bytes, and send() sends each back as the same type.
import asyncio
import sys

import websockets


async def echo(websocket):
    async for message in websocket:
        await websocket.send(message)


async def main(port):
    async with websockets.serve(echo, "127.0.0.1", port):
        await asyncio.Future()  # run until stopped


asyncio.run(main(int(sys.argv[1])))
