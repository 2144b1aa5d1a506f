@conformance
Feature: Reserved bits
  RFC 6455 section 5.2: RSV1, RSV2 and RSV3 must be 0 unless an extension that gives them a meaning
  was negotiated. wsbdd offers no extension, so any set bit fails the connection with 1002.
  (Autobahn|Testsuite category 3.)

  Background:
    Given "alice" is connected

  @rfc6455-5.2 @must
  Scenario Outline: <bits> on a <opcode> frame fails the connection with 1002
    When "alice" sends the frame:
      | opcode  | <opcode> |
      | rsv1    | <rsv1>   |
      | rsv2    | <rsv2>   |
      | rsv3    | <rsv3>   |
      | payload | hello    |
    Then the server should fail the connection of "alice" with code 1002
    And "alice" should have received no message

    Examples:
      | bits          | opcode | rsv1  | rsv2  | rsv3  |
      | RSV1          | text   | true  | false | false |
      | RSV2          | text   | false | true  | false |
      | RSV3          | text   | false | false | true  |
      | RSV1 and RSV2 | text   | true  | true  | false |
      | RSV1 and RSV2 | binary | true  | true  | false |
      | RSV1 and RSV3 | binary | true  | false | true  |
      | RSV2 and RSV3 | ping   | false | true  | true  |

  @rfc6455-5.2 @must
  Scenario: All three RSV bits on a close frame fail the connection with 1002
    When "alice" sends the frame:
      | opcode      | close |
      | rsv1        | true  |
      | rsv2        | true  |
      | rsv3        | true  |
      | payload hex | 03 e8 |
    Then the server should fail the connection of "alice" with code 1002

  @rfc6455-5.2 @must
  Scenario: A valid message is echoed, then a frame with RSV2 set fails the connection
    When "alice" sends "before"
    Then "alice" should receive "before"
    When "alice" sends the frames:
      | opcode | rsv2  | payload |
      | text   | true  | hello   |
      | text   | false | after   |
    Then the server should fail the connection of "alice" with code 1002
    And "alice" should have received no message

  @rfc6455-5.2 @must
  Scenario: A frame with RSV3 set, delivered one byte per TCP write, fails the connection
    When "alice" sends the frame one byte per TCP write:
      | opcode  | text  |
      | rsv3    | true  |
      | payload | hello |
    Then the server should fail the connection of "alice" with code 1002

  @rfc6455-5.2 @must
  Scenario: RSV1 on a continuation frame fails the connection
    When "alice" sends the frames:
      | fin   | opcode       | rsv1  | payload |
      | false | text         | false | frag    |
      | true  | continuation | true  | mented  |
    Then the server should fail the connection of "alice" with code 1002
    And "alice" should have received no message

  @rfc6455-5.2 @must
  Scenario: A valid message is echoed, then a frame with RSV2 and RSV3 set fails the connection
    When "alice" sends "Hello, world!"
    Then "alice" should receive "Hello, world!"
    When "alice" sends the frame:
      | opcode  | text          |
      | rsv2    | true          |
      | rsv3    | true          |
      | payload | Hello, world! |
    Then the server should fail the connection of "alice" with code 1002
    And "alice" should have received no message

  @rfc6455-5.2 @must
  Scenario: A valid message is echoed, then a frame with RSV1 set, one byte per TCP write, fails the connection
    When "alice" sends "Hello, world!"
    Then "alice" should receive "Hello, world!"
    When "alice" sends the frame one byte per TCP write:
      | opcode  | text          |
      | rsv1    | true          |
      | payload | Hello, world! |
    Then the server should fail the connection of "alice" with code 1002
    And "alice" should have received no message
