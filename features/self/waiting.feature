@self
Feature: Waiting steps, with and without "within"
  Every waiting step waits up to the default timeout, or up to the "within" duration written after it.

  Scenario: receive steps with their own wait
    Given the mock server sends a ping every 100 ms
    And "alice" is connected
    When "alice" sends "hello"
    And "alice" sends the bytes "0a 0b"
    And "alice" sends the bytes "00 00 00"
    And "alice" sends the JSON:
      """
      { "id": 7 }
      """
    Then "alice" should receive a text message matching "^hel+o$" within 1 second
    And "alice" should receive the bytes "0a 0b" within 1 second
    And "alice" should receive a binary message of 3 bytes within 1 second
    And "alice" should receive a JSON message where "$.id" is "7" within 1 second
    And "alice" should receive a ping
    When "alice" sends a ping
    Then "alice" should receive a pong within 1 Second
    When "alice" sends a ping "x"
    Then "alice" should receive a pong "x"

  Scenario: close steps with their own wait
    Given the mock server closes connections after 1 message with code 4002
    And "alice" is connected
    And "bob" is connected
    And "carol" is connected
    When "alice" sends "bye"
    And "bob" sends "bye"
    And "carol" closes
    Then "alice" should be closed by the server with code 4002 within 1 second
    And "alice" should be closed cleanly within 1 second
    And "bob" should be closed cleanly with code 4002 within 1 second
    And "carol" should be closed cleanly with code 1000

  Scenario: a close reason, waited for with the default timeout
    Given the mock server closes connections after 1 message with code 4003 and reason "done"
    And "alice" is connected
    When "alice" sends "bye"
    Then "alice" should be closed by the server with code 4003 and reason "done"

  Scenario: a message that arrived before the close still satisfies a receive
    Given the mock server closes connections after 1 message with code 4000
    And "alice" is connected
    When "alice" sends "last words"
    Then "alice" should be closed by the server with code 4000
    And "alice" should receive "last words" within 10 seconds
    And "alice" should receive no message within 100 ms

  Scenario: text and JSON subset steps with their own wait
    Given the mock server echoes messages
    And "alice" is connected
    When "alice" sends "ready: order 42"
    And "alice" sends "{\"tags\":[\"a\",\"b\"]}"
    Then "alice" should receive a text message containing "order 42" within 1 second
    And "alice" should receive a JSON message including within 1 second:
      """
      { "tags": ["b"] }
      """
