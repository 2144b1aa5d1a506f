@self
Feature: Setting up and connecting clients
  wsbdd's own harness, tested against its embedded mock server: every setup and connect phrase.

  Scenario: a client connects to the target and its handshake is checked
    Given a client "alice"
    When "alice" connects
    Then "alice" should be connected
    And the TCP connection of "alice" should be established
    And the handshake response of "alice" should have status 101
    And the handshake response of "alice" should have the header "Upgrade" with value "websocket"
    And the handshake response of "alice" should have the header "sec-websocket-accept" matching "^[A-Za-z0-9+/]{27}=$"

  Scenario: a path is joined onto the target
    Given a client "alice" for "/chat?room=1"
    When "alice" connects
    And "alice" sends "hi"
    Then "alice" should receive "hi"
    And the mock server should have received "hi" from "alice"

  Scenario: create and connect in one step
    Given "alice" is connected
    And "bob" is connected to "/room/2"
    Then "alice" should be connected
    And "bob" should be connected

  Scenario: headers, origin and subprotocols reach the server
    Given the mock server selects the subprotocol "chat"
    And a client "alice"
    And "alice" sends the headers:
      | Cookie   | a=b    |
      | OtherKey | values |
      | X-Twice  | 1      |
      | X-Twice  | 2      |
    And "alice" sets the origin "https://example.test"
    And "alice" offers the subprotocols "superchat, chat"
    When "alice" connects
    Then "alice" should use the subprotocol "chat"
    And the mock server should have received the header "Cookie" with value "a=b" from "alice"
    And the mock server should have received the header "otherkey" with value "values" from "alice"
    And the mock server should have received the header "X-Twice" with value "2" from "alice"
    And the mock server should have received the header "Origin" with value "https://example.test" from "alice"
    And the mock server should have received the header "Sec-WebSocket-Protocol" with value "superchat, chat" from "alice"

  Scenario: the server chooses the first subprotocol offered by default
    Given a client "alice"
    And "alice" offers the subprotocols "superchat, chat"
    When "alice" connects
    Then "alice" should use the subprotocol "superchat"

  Scenario: a rejected handshake is an outcome to assert, not a step failure
    Given the mock server rejects handshakes with status 503
    And a client "alice"
    When "alice" tries to connect
    Then "alice" should fail to connect with status 503
    And "alice" should fail to connect with error "bad-status"
    And "alice" should fail to connect with error "handshake"
    And the TCP connection of "alice" should be established
    And the handshake response of "alice" should have status 503

  Scenario: the server requires a cookie
    Given the mock server requires the header "Cookie" matching "token="
    And a client "anonymous"
    And a client "member"
    And "member" sends the headers:
      | name   | value     |
      | Cookie | token=abc |
    When "anonymous" tries to connect
    And "member" connects
    Then "anonymous" should fail to connect with status 401
    And "member" should be connected

  Scenario: a header named in the table replaces the generated one, breaking the handshake on purpose
    Given a client "alice"
    And "alice" sends the headers:
      | Sec-WebSocket-Version | 12 |
    When "alice" tries to connect
    Then "alice" should fail to connect with status 400
    And the mock server should have received the header "Sec-WebSocket-Version" with value "12" from "alice"

  Scenario: a subprotocol the client did not offer is refused by the client
    Given the mock server selects the subprotocol "chat"
    And a client "alice"
    And "alice" offers the subprotocols "superchat"
    When "alice" tries to connect
    Then "alice" should fail to connect with error "bad-subprotocol"

  Scenario: nobody listening at a full URL
    Given a client "bob" for "ws://127.0.0.1:1/"
    When "bob" tries to connect
    Then "bob" should fail to connect with error "ECONNREFUSED"
    And "bob" should fail to connect with error "connect"

  Scenario: connecting within a time
    Given a client "alice"
    When "alice" connects within 2 seconds
    Then "alice" should be connected
