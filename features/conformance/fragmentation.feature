@conformance
Feature: Fragmentation
  RFC 6455 section 5.4: a message may arrive in any number of fragments, with control frames between
  them; a continuation needs a message to continue, and a new message may not start inside one.
  (Autobahn|Testsuite category 5, and 6.1.)

  Background:
    Given "alice" is connected

  @rfc6455-5.4 @must
  Scenario Outline: A text message in <count> fragments is echoed whole
    When "alice" sends "Hello, fragmented world!" in <count> fragments
    Then "alice" should receive "Hello, fragmented world!"

    Examples:
      | count |
      | 1     |
      | 2     |
      | 3     |
      | 5     |
      | 24    |

  @rfc6455-5.4 @must
  Scenario Outline: A <type> message of <size> in fragments of <fragment> is echoed whole
    When "alice" sends a <type> message of <size> in fragments of <fragment>
    Then "alice" should receive that message back

    Examples:
      | type   | size       | fragment   |
      | text   | 64 bytes   | 1 byte     |
      | binary | 64 bytes   | 1 byte     |
      | text   | 4000 bytes | 1300 bytes |
      | binary | 4000 bytes | 1300 bytes |

  # Above 4 KiB a server may have met its size limit (RFC 6455 10.4, see README.md).
  @rfc6455-5.4 @rfc6455-10.4 @must
  Scenario Outline: A <type> message of <size> in fragments of <fragment> is echoed whole or refused with 1009
    When "alice" sends a <type> message of <size> in fragments of <fragment>
    Then "alice" should receive that message back or be closed by the server with code 1009

    Examples:
      | type   | size        | fragment   |
      | text   | 65536 bytes | 1300 bytes |
      | binary | 65536 bytes | 1300 bytes |
      | binary | 1 MiB       | 64 KiB     |

  @rfc6455-5.4 @must
  Scenario: Empty fragments at the start, in the middle and at the end are part of the message
    When "alice" sends the frames:
      | fin   | opcode       | payload |
      | false | text         |         |
      | false | continuation | Hello   |
      | false | continuation |         |
      | false | continuation | , world |
      | true  | continuation |         |
    Then "alice" should receive "Hello, world"

  @rfc6455-5.4 @must
  Scenario: A message made only of empty fragments is an empty message
    When "alice" sends the frames:
      | fin   | opcode       |
      | false | text         |
      | true  | continuation |
    Then "alice" should receive ""

  @rfc6455-5.4 @must
  Scenario: A ping between fragments is answered at once and the message is echoed whole
    When "alice" sends the frame:
      | fin     | false |
      | opcode  | text  |
      | payload | Hello |
    And "alice" sends a ping "between"
    Then "alice" should receive a pong "between"
    When "alice" sends the frame:
      | fin     | true         |
      | opcode  | continuation |
      | payload | , world!     |
    Then "alice" should receive "Hello, world!"

  @rfc6455-5.4 @must
  Scenario: A ping between two fragments, every byte in its own TCP write, is answered and the message echoed whole
    When "alice" sends the frame one byte per TCP write:
      | fin     | false     |
      | opcode  | text      |
      | payload | fragment1 |
    And "alice" sends the frame one byte per TCP write:
      | opcode  | ping         |
      | payload | ping payload |
    And "alice" sends the frame one byte per TCP write:
      | fin     | true         |
      | opcode  | continuation |
      | payload | fragment2    |
    Then "alice" should receive a pong "ping payload"
    And "alice" should receive "fragment1fragment2"

  @rfc6455-5.4 @must
  Scenario: An unsolicited pong between fragments is ignored
    When "alice" sends the frames:
      | fin   | opcode       | payload  |
      | false | binary       | Hello    |
      | true  | pong         | between  |
      | true  | continuation | , world! |
    Then "alice" should receive the bytes "48 65 6c 6c 6f 2c 20 77 6f 72 6c 64 21"

  @rfc6455-5.4 @must
  Scenario: A message in 5 fragments with a ping after each of the first four is echoed whole
    When "alice" sends a text message of 1000 bytes in 5 fragments with a ping between fragments
    Then "alice" should receive that message back
    And "alice" should receive 4 pongs in order

  @rfc6455-5.4 @must
  Scenario: A fragmented message delivered one byte per TCP write is echoed whole
    When "alice" sends a text message of 40 bytes in 2 fragments one byte per TCP write
    Then "alice" should receive that message back

  @rfc6455-5.4 @must
  Scenario Outline: A continuation frame with no message started (FIN=<fin>) fails the connection with 1002
    When "alice" sends the frame:
      | fin     | <fin>        |
      | opcode  | continuation |
      | payload | orphan       |
    Then the server should fail the connection of "alice" with code 1002
    And "alice" should have received no message

    Examples:
      | fin   |
      | true  |
      | false |

  @rfc6455-5.4 @must
  Scenario Outline: A continuation frame with no message started (FIN=<fin>), then a text message: nothing is echoed
    When "alice" sends the frames:
      | fin   | opcode       | payload                  |
      | <fin> | continuation | non-continuation payload |
      | true  | text         | Hello, world!            |
    Then the server should fail the connection of "alice" with code 1002
    And "alice" should have received no message

    Examples:
      | fin   |
      | true  |
      | false |

  @rfc6455-5.4 @must
  Scenario: A continuation frame after a complete message fails the connection with 1002
    When "alice" sends "complete"
    Then "alice" should receive "complete"
    When "alice" sends the frame:
      | opcode  | continuation |
      | payload | orphan       |
    Then the server should fail the connection of "alice" with code 1002
    And "alice" should have received no message

  @rfc6455-5.4 @must
  Scenario: A continuation frame delivered one byte per TCP write with no message started fails the connection
    When "alice" sends the frame one byte per TCP write:
      | opcode  | continuation |
      | payload | orphan       |
    Then the server should fail the connection of "alice" with code 1002

  @rfc6455-5.4 @must
  Scenario Outline: A new <second> message inside a fragmented <first> message fails the connection with 1002
    When "alice" sends the frames:
      | fin   | opcode   | payload |
      | false | <first>  | frag    |
      | true  | <second> | mented  |
    Then the server should fail the connection of "alice" with code 1002
    And "alice" should have received no message

    Examples:
      | first  | second |
      | text   | text   |
      | text   | binary |
      | binary | text   |
      | binary | binary |
