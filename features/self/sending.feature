@self
Feature: Sending
  Every sending phrase, checked through the echoing mock server.

  Background:
    Given "alice" is connected

  Scenario: text, bytes and the default frame type
    When "alice" sends "hello"
    Then "alice" should receive "hello"
    When "alice" sends the text "plain text"
    Then "alice" should receive a text message matching "^plain"
    When "alice" sends the bytes "01 02 ff"
    Then "alice" should receive the bytes "01 02 ff"
    And "alice" should receive no message within 100 ms

  Scenario: binary frames by default, then text again
    Given "alice" sends binary frames by default
    When "alice" sends "hello"
    Then "alice" should receive the bytes "68 65 6c 6c 6f"
    Given "alice" sends text frames by default
    When "alice" sends "hello"
    Then "alice" should receive "hello"

  Scenario: JSON
    When "alice" sends the JSON:
      """
      { "type": "order", "items": [ { "name": "tea", "qty": 2 } ] }
      """
    Then "alice" should receive a JSON message containing:
      """
      { "items": [ { "name": "tea" } ] }
      """
    When "alice" sends the JSON:
      """
      { "user": { "name": "bob", "age": 42 } }
      """
    Then "alice" should receive a JSON message where "$.user.age" is "42"

  Scenario: a message in fragments is reassembled by the server
    When "alice" sends "hello fragmented world" in 3 fragments
    Then "alice" should receive "hello fragmented world"
    And the mock server should have received "hello fragmented world" from "alice"

  Scenario: pings
    When "alice" sends a ping
    Then "alice" should receive a pong
    When "alice" sends a ping "abc"
    Then "alice" should receive a pong "abc" within 1 second

  Scenario: hand-made frames
    When "alice" sends the frame:
      | field   | value     |
      | opcode  | text      |
      | fin     | true      |
      | payload | hand-made |
    Then "alice" should receive "hand-made"
    When "alice" sends the frame:
      | opcode  | text  |
      | fin     | false |
      | payload | hel   |
    And "alice" sends the frame:
      | opcode      | continuation |
      | payload hex | 6c 6f        |
    Then "alice" should receive "hello"

  Scenario: a reserved opcode makes the server close with 1002
    When "alice" sends the frame:
      | opcode | 3 |
    Then "alice" should be closed by the server with code 1002

  Scenario: an unmasked client frame makes the server close with 1002
    When "alice" sends the frame:
      | opcode  | text  |
      | mask    | false |
      | payload | hi    |
    Then "alice" should be closed by the server with code 1002

  Scenario: raw bytes: the masked "Hello" frame of RFC 6455 section 5.7
    When "alice" sends the raw bytes "81 85 37 fa 21 3d 7f 9f 4d 51 58"
    Then "alice" should receive "Hello"

  Scenario: text and bytes sent from files
    Given the mock server echoes messages
    And "alice" is connected
    When "alice" sends the text of the file "features/self/files/order.txt"
    Then "alice" should receive "order 42 from a file"
    When "alice" sends the bytes of the file "features/self/files/three-bytes.bin"
    Then "alice" should receive the bytes "01 02 ff"
