@conformance
Feature: Opening handshake
  RFC 6455 section 4.2: how a server reads a client's opening handshake and answers it. wsbdd's
  client checks every 101 answer itself (Sec-WebSocket-Accept computed from the key and the RFC's
  GUID, Upgrade, Connection, and a subprotocol or extension only from those offered), so a
  scenario that connects fails on a wrong answer.

  @rfc6455-4.2.2 @must
  Scenario: A valid handshake is answered with 101 and the right accept key
    Given a client "alice"
    When "alice" connects
    Then the handshake response of "alice" should have status 101
    And "alice" should be connected

  @rfc6455-4.2.2 @must
  Scenario: No subprotocol is chosen when none is offered
    Given a client "alice"
    When "alice" connects
    Then the handshake response of "alice" should not have the header "Sec-WebSocket-Protocol"

  @rfc6455-4.2.1 @must
  Scenario Outline: The handshake is accepted with <header>: <value>
    Given a client "alice"
    And "alice" sends the headers:
      | <header> | <value> |
    When "alice" connects
    Then "alice" should be connected

    Examples: header values are case-insensitive, and Connection is a list of tokens
      | header     | value               |
      | Upgrade    | WebSocket           |
      | Upgrade    | WEBSOCKET           |
      | Connection | upgrade             |
      | Connection | keep-alive, Upgrade |

  @rfc6455-4.2.1 @should
  Scenario: Custom headers, repeated ones included, do not disturb the handshake
    Given a client "alice"
    And "alice" sends the headers:
      | X-Wsbdd-Check | one   |
      | X-Wsbdd-Check | two   |
      | Cookie        | a=b   |
      | User-Agent    | wsbdd |
    When "alice" connects
    Then "alice" should be connected

  # Versions 9 to 12 were reserved and never used by a draft; 14 and up are not assigned.
  @rfc6455-4.2.2 @must
  Scenario Outline: A version that never existed, <version>, is refused, naming the versions the server speaks
    Given a client "alice"
    And "alice" sends the headers:
      | Sec-WebSocket-Version | <version> |
    When "alice" tries to connect
    Then the server should refuse the handshake of "alice"
    And the handshake response of "alice" should have the header "Sec-WebSocket-Version" matching "(^|[ ,])13($|[ ,])"

    Examples:
      | version |
      | 12      |
      | 14      |
      | 99      |

  # Versions 7 and 8 are those of drafts hybi-07 to hybi-17: RFC 6455 4.4 lets a server speak them
  # besides 13, so accepting one is reported, not judged; a refusal must still name version 13.
  @rfc6455-4.4 @must
  Scenario Outline: Version <version> of a draft is accepted, or refused naming the versions the server speaks
    Given a client "alice"
    And "alice" sends the headers:
      | Sec-WebSocket-Version | <version> |
    When "alice" tries to connect
    Then "alice" should be accepted, or refused naming the version 13

    Examples:
      | version |
      | 7       |
      | 8       |

  # RFC 6455 4.2.2 names 426 Upgrade Required as the example answer.
  @rfc6455-4.2.2 @should @known-deviation-ws
  Scenario: An unsupported version is refused with 426 Upgrade Required
    Given a client "alice"
    And "alice" sends the headers:
      | Sec-WebSocket-Version | 14 |
    When "alice" tries to connect
    Then "alice" should fail to connect with status 426

  @rfc6455-4.2.1 @must
  Scenario Outline: A handshake without a usable <what> is refused
    Given a client "alice"
    And "alice" sends the headers:
      | <header> | <value> |
    When "alice" tries to connect
    Then the server should refuse the handshake of "alice"

    Examples:
      | what                       | header                | value                        |
      | version (empty)            | Sec-WebSocket-Version |                              |
      | key (empty)                | Sec-WebSocket-Key     |                              |
      | key (not base64)           | Sec-WebSocket-Key     | not a key!                   |
      | key (12 bytes, not 16)     | Sec-WebSocket-Key     | AAAAAAAAAAAAAAAA             |
      | key (20 bytes, not 16)     | Sec-WebSocket-Key     | AAAAAAAAAAAAAAAAAAAAAAAAAAA= |
      | Upgrade (another protocol) | Upgrade               | h2c                          |
      | Connection (no upgrade)    | Connection            | keep-alive                   |

  @rfc6455-4.2.1 @must
  Scenario Outline: A handshake without the <header> header is refused
    Given a client "alice"
    When "alice" tries to connect without the header "<header>"
    Then the server should refuse the handshake of "alice"

    Examples:
      | header                |
      | Sec-WebSocket-Key     |
      | Sec-WebSocket-Version |
      | Upgrade               |
      | Connection            |

  @rfc6455-4.2.1 @should
  Scenario: A handshake without a key is refused with 400 Bad Request
    Given a client "alice"
    When "alice" tries to connect without the header "Sec-WebSocket-Key"
    Then "alice" should fail to connect with status 400

  @rfc6455-4.2.1 @should
  Scenario: A handshake with a malformed key is refused with 400 Bad Request
    Given a client "alice"
    And "alice" sends the headers:
      | Sec-WebSocket-Key | not a key! |
    When "alice" tries to connect
    Then "alice" should fail to connect with status 400

  @rfc6455-4.2.2 @must
  Scenario Outline: Offered subprotocols <offered>: the server chooses one of them or none
    Given a client "alice"
    And "alice" offers the subprotocols "<offered>"
    When "alice" tries to connect
    Then "alice" should not have been given a subprotocol it did not offer

    Examples:
      | offered                  |
      | x-wsbdd-one, x-wsbdd-two |
      | chat, superchat          |
      | x-wsbdd-only             |

  @rfc6455-9.1 @must
  Scenario: An unknown extension offered by the client is not accepted
    Given a client "alice"
    And "alice" sends the headers:
      | Sec-WebSocket-Extensions | x-wsbdd-unknown-extension |
    When "alice" connects
    Then the handshake response of "alice" should not have the header "Sec-WebSocket-Extensions"

  # Browsers send Origin; a server may refuse origins it does not trust (RFC 6455 10.2).
  @rfc6455-10.2 @informational
  Scenario: The answer to a handshake with an Origin is reported
    Given a client "alice"
    And "alice" sets the origin "https://example.test"
    When "alice" tries to connect
    Then the handshake outcome of "alice" is reported
