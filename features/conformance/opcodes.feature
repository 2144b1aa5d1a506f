@conformance
Feature: Opcodes
  RFC 6455 section 5.2: opcodes 0x3-0x7 are reserved for further data frames and 0xB-0xF for
  further control frames. A server that receives one fails the connection with 1002.
  (Autobahn|Testsuite category 4.)

  Background:
    Given "alice" is connected

  @rfc6455-5.2 @must
  Scenario Outline: A frame with the reserved <kind> opcode <opcode> fails the connection with 1002
    When "alice" sends the frame:
      | opcode  | <opcode> |
      | payload | reserved |
    Then the server should fail the connection of "alice" with code 1002

    Examples: reserved data opcodes
      | kind | opcode |
      | data | 3      |
      | data | 4      |
      | data | 5      |
      | data | 6      |
      | data | 7      |

    Examples: reserved control opcodes
      | kind    | opcode |
      | control | 11     |
      | control | 12     |
      | control | 13     |
      | control | 14     |
      | control | 15     |

  @rfc6455-5.2 @must
  Scenario Outline: Opcode <opcode> between two messages: the first is echoed, then the connection fails
    When "alice" sends "before"
    Then "alice" should receive "before"
    When "alice" sends the frames:
      | opcode   | payload   |
      | <opcode> | <payload> |
      | text     | after     |
    Then the server should fail the connection of "alice" with code 1002
    And "alice" should have received no message

    Examples:
      | opcode | payload       |
      | 4      |               |
      | 5      |               |
      | 6      | Hello, world! |
      | 7      |               |
      | 11     |               |
      | 13     |               |
      | 14     | Hello, world! |
      | 15     |               |

  @rfc6455-5.2 @must
  Scenario Outline: Opcode <opcode> delivered one byte per TCP write after a message fails the connection
    When "alice" sends "Hello, world!"
    Then "alice" should receive "Hello, world!"
    When "alice" sends the frame one byte per TCP write:
      | opcode  | <opcode>      |
      | payload | Hello, world! |
    Then the server should fail the connection of "alice" with code 1002
    And "alice" should have received no message

    Examples:
      | opcode |
      | 7      |
      | 15     |

  @rfc6455-5.2 @must
  Scenario: A reserved opcode inside a fragmented message fails the connection
    When "alice" sends the frames:
      | fin   | opcode       | payload |
      | false | text         | frag    |
      | false | 5            | oops    |
      | true  | continuation | mented  |
    Then the server should fail the connection of "alice" with code 1002
    And "alice" should have received no message
