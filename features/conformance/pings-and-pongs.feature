@conformance
Feature: Pings and pongs
  RFC 6455 sections 5.5.2 and 5.5.3: a ping is answered by a pong with the same payload, control
  frames carry at most 125 bytes and are never fragmented, and an unsolicited pong is ignored.
  (Autobahn|Testsuite category 2, and 5.1-5.2.)

  Background:
    Given "alice" is connected

  @rfc6455-5.5.2 @must
  Scenario Outline: A ping with a payload of <size> is answered with an identical pong
    When "alice" sends a ping with a payload of <size>
    Then "alice" should receive a pong with that payload

    Examples:
      | size      |
      | 0 bytes   |
      | 1 byte    |
      | 2 bytes   |
      | 10 bytes  |
      | 16 bytes  |
      | 32 bytes  |
      | 63 bytes  |
      | 64 bytes  |
      | 100 bytes |
      | 120 bytes |
      | 123 bytes |
      | 124 bytes |
      | 125 bytes |

  @rfc6455-5.5.2 @must
  Scenario: A ping with a text payload is answered with the same text
    When "alice" sends a ping "Hello, world!"
    Then "alice" should receive a pong "Hello, world!"

  @rfc6455-5.5.2 @must
  Scenario: A ping with a binary payload is answered with the same bytes
    When "alice" sends a ping with the bytes "00 ff fe fd fc fb 00 ff"
    Then "alice" should receive a pong with that payload

  @rfc6455-5.5.2 @must
  Scenario: A ping of 125 bytes delivered one byte per TCP write is answered
    When "alice" sends a ping with a payload of 125 bytes one byte per TCP write
    Then "alice" should receive a pong with that payload

  @rfc6455-5.5 @must
  Scenario Outline: A <opcode> with <size> of payload fails the connection with 1002
    When "alice" sends a <opcode> with a payload of <size>
    Then the server should fail the connection of "alice" with code 1002

    Examples:
      | opcode | size        |
      | ping   | 126 bytes   |
      | ping   | 65535 bytes |
      | pong   | 126 bytes   |

  @rfc6455-5.5 @must
  Scenario Outline: A fragmented <opcode> fails the connection with 1002
    When "alice" sends the frames:
      | fin   | opcode       | payload   |
      | false | <opcode>     | fragment1 |
      | true  | continuation | fragment2 |
    Then the server should fail the connection of "alice" with code 1002
    And "alice" should have received no pong

    Examples:
      | opcode |
      | ping   |
      | pong   |

  @rfc6455-5.5.3 @must
  Scenario Outline: An unsolicited pong <with> is ignored
    When "alice" sends the frame:
      | opcode  | pong      |
      | payload | <payload> |
    And "alice" sends "still there?"
    Then "alice" should receive "still there?"

    Examples:
      | with              | payload     |
      | without a payload |             |
      | with a payload    | unsolicited |

  @rfc6455-5.5.3 @must
  Scenario Outline: An unsolicited pong <with> followed at once by a close: only the close is answered
    When "alice" sends the frames:
      | opcode | payload   | close code |
      | pong   | <payload> |            |
      | close  |           | 1000       |
    Then "alice" should be closed cleanly with code 1000
    And "alice" should have received no message
    And "alice" should have received no pong

    Examples:
      | with              | payload                  |
      | without a payload |                          |
      | with a payload    | unsolicited pong payload |

  @rfc6455-5.5.3 @must
  Scenario: An unsolicited pong followed by a ping: only the ping is answered
    When "alice" sends the frames:
      | opcode | payload     |
      | pong   | unsolicited |
      | ping   | solicited   |
    Then "alice" should receive a pong "solicited"
    And "alice" should receive no pong within 100 ms

  # RFC 6455 5.5.3 lets a server answer only the most recent of several pending pings.
  @rfc6455-5.5.3 @should
  Scenario: Ten pings in a row are all answered, in order
    When "alice" sends 10 pings
    Then "alice" should receive 10 pongs in order

  @rfc6455-5.5.3 @should
  Scenario: Ten pings in a row, each delivered one byte per TCP write, are all answered
    When "alice" sends 10 pings one byte per TCP write
    Then "alice" should receive 10 pongs in order

  @rfc6455-5.5.2 @must
  Scenario: A ping between two messages is answered and does not disturb them
    When "alice" sends "first"
    And "alice" sends a ping "between"
    And "alice" sends "second"
    Then "alice" should receive "first"
    And "alice" should receive a pong "between"
    And "alice" should receive "second"
