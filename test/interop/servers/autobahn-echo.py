# Echo server on Autobahn|Python (Twisted) with its default settings, as its docs show; only the
# interface and port are set. onMessage gets the payload and whether it is binary, and sendMessage
# sends it back the same way.
import sys

from autobahn.twisted.websocket import WebSocketServerFactory, WebSocketServerProtocol
from twisted.internet import reactor


class EchoServerProtocol(WebSocketServerProtocol):
    def onMessage(self, payload, isBinary):
        self.sendMessage(payload, isBinary)


port = int(sys.argv[1])
factory = WebSocketServerFactory(f"ws://127.0.0.1:{port}")
factory.protocol = EchoServerProtocol
reactor.listenTCP(port, factory, interface="127.0.0.1")
reactor.run()
