@self
Feature: Receiving
  Receive steps consume messages in arrival order; nothing received before a step runs is lost.

  Scenario: counting messages, a greeting included
    Given the mock server sends "welcome" on connect
    And "alice" is connected
    When "alice" sends "one"
    And "alice" sends "two"
    Then "alice" should receive 3 messages within 1 second
    And "alice" should receive no message within 200 ms

  Scenario: a message that arrived before the receive step is still there
    Given "alice" is connected
    When "alice" sends "early"
    And the mock server should have received "early" from "alice" within 1 second
    Then "alice" should receive "early" within 1 second

  Scenario: a binary message of a length
    Given "alice" is connected
    When "alice" sends the bytes "00 01 02 03"
    Then "alice" should receive a binary message of 4 bytes

  Scenario: remembering a JSON field and using it later
    Given the mock server replies "{\"id\":42,\"status\":\"created\"}" to "create"
    And "alice" is connected
    When "alice" sends "create"
    Then "alice" should receive a JSON message where "$.status" is "created"
    When "alice" remembers the JSON field "$.id" as "orderId"
    And "alice" sends the JSON:
      """
      { "order": ${orderId} }
      """
    Then "alice" should receive a JSON message containing within 2 seconds:
      """
      { "order": 42 }
      """
    When "alice" sends "order-${orderId}"
    Then "alice" should receive "order-42"

  Scenario: environment variables in steps
    Given "alice" is connected
    When "alice" sends "path=${env:PATH}"
    Then "alice" should receive "path=${env:PATH}"

  Scenario: server heartbeats
    Given the mock server sends a ping every 100 ms
    And "alice" is connected
    Then "alice" should receive a ping within 1 second

  Scenario: client heartbeats are answered
    Given a client "alice"
    And "alice" sends pings every 100 ms
    When "alice" connects
    Then "alice" should receive at least 2 pongs within 2 seconds

  Scenario: a server that does not answer pings
    Given the mock server does not answer pings
    And "alice" is connected
    When "alice" sends a ping "anyone?"
    Then "alice" should receive no pong within 300 ms

  Scenario: a text message containing some text
    Given the mock server echoes messages
    And "alice" is connected
    When "alice" sends "your order 42 is ready"
    Then "alice" should receive a text message containing "order 42"

  Scenario: a JSONPath value matching a regular expression, strings and numbers alike
    Given the mock server echoes messages
    And "alice" is connected
    When "alice" sends "{\"id\":\"ord-17\",\"n\":42}"
    Then "alice" should receive a JSON message where "$.id" matches "^ord-[0-9]+$"
    When "alice" sends "{\"id\":\"ord-18\",\"n\":42}"
    Then "alice" should receive a JSON message where "$.n" matches "^4[0-9]$" within 1 second

  Scenario: a JSON subset whose arrays only need to include the expected elements
    Given the mock server echoes messages
    And "alice" is connected
    When "alice" sends "{\"type\":\"roster\",\"users\":[{\"name\":\"carol\"},{\"name\":\"bob\",\"away\":true},\"x\"]}"
    Then "alice" should receive a JSON message including:
      """
      { "users": [{ "name": "bob" }, "x"] }
      """

  Scenario: a server heartbeat, counted
    Given the mock server sends a ping every 50 ms
    And "alice" is connected
    Then "alice" should receive at least 3 pings within 2 seconds

  Scenario: a pause lets messages pile up for later steps
    Given the mock server sends a ping every 50 ms
    And "alice" is connected
    When 500 ms pass
    # Without the pause, these pings could not all be there within 1 ms.
    Then "alice" should receive at least 2 pings within 1 ms

  Scenario: a client that does not answer pings still sees them
    Given the mock server sends a ping every 50 ms
    And "alice" does not answer pings
    And "alice" is connected
    Then "alice" should receive at least 2 pings within 2 seconds
