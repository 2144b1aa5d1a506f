Feature: The Workerman AsyncTcpConnection client example, as scenarios
  Workerman's WebSocket client example sets two handshake headers (Cookie and OtherKey), pings every
  55 seconds, sends binary frames, sends "hello" once connected, prints the handshake response and every
  message, reports errors, and reconnects one second after the connection closes. Here is the same
  behaviour, each part checked against the embedded mock server (pings are faster, to keep the run short).

  Secrets need not be written here: a cell like ${env:SESSION_COOKIE} reads an environment variable.

  Scenario: headers, pings, binary frames, connect, handshake response, message, close and reconnect
    Given the mock server echoes messages
    And a client "workerman"
    And "workerman" sends the headers:
      | name     | value                            |
      | Cookie   | PHPSID=82u3ruf3b3bk1o32v6lhq4kpu5 |
      | OtherKey | values                           |
    And "workerman" sends pings every 200 ms
    And "workerman" sends binary frames by default
    And "workerman" reconnects 1 second after an unexpected close
    # onConnect / onWebSocketConnect: the handshake succeeds and the response is there to inspect
    When "workerman" connects
    Then the handshake response of "workerman" should have status 101
    And the handshake response of "workerman" should have the header "Upgrade" with value "websocket"
    And the mock server should have received the header "Cookie" with value "PHPSID=82u3ruf3b3bk1o32v6lhq4kpu5" from "workerman"
    And the mock server should have received the header "OtherKey" with value "values" from "workerman"
    # onConnect sends 'hello'; with the binary type it goes out as a binary frame, and the echo comes back
    When "workerman" sends "hello"
    Then "workerman" should receive the bytes "68 65 6c 6c 6f"
    # websocketPingInterval: the server answers the heartbeat pings
    And "workerman" should receive at least 2 pongs within 2 seconds
    # onClose -> reConnect(1): the server goes away, the client comes back a second later
    When the mock server drops "workerman"
    Then "workerman" should be disconnected without a close frame
    And "workerman" should reconnect within 3 seconds
    And the mock server should have received the header "Cookie" with value "PHPSID=82u3ruf3b3bk1o32v6lhq4kpu5" from "workerman"
    When "workerman" sends "hello again"
    Then "workerman" should receive the bytes "68 65 6c 6c 6f 20 61 67 61 69 6e"

  Scenario: onError: nobody is listening
    Given a client "workerman" for "ws://127.0.0.1:1/"
    When "workerman" tries to connect
    Then "workerman" should fail to connect with error "ECONNREFUSED"

  Scenario: onError: the server refuses the handshake
    Given the mock server requires the header "Cookie" matching "PHPSID="
    And a client "workerman"
    When "workerman" tries to connect
    Then the TCP connection of "workerman" should be established
    And "workerman" should fail to connect with status 401
