@self
Feature: Load-shaped scenarios

  Scenario: a thousand clients connect, 100 at a time, and each measures its round trips
    Given 200 clients "user" are connected
    When every client "user" sends 5 messages of 64 bytes
    Then every client "user" should receive 5 messages within 10 seconds
    And the p95 round trip of every client "user" should be below 5 seconds

  Scenario: a group connects with a concurrency of its own
    Given 30 clients "user" are connected 5 at a time
    When "user-30" sends a ping
    Then the p99 round trip of "user-30" should be below 2 seconds

  Scenario: one client's round trips, messages and pings
    Given "alice" is connected
    When "alice" sends 20 messages of 1 byte
    And "alice" sends a ping
    Then the p50 round trip of "alice" should be below 2 seconds

  Scenario: a group takes a path and headers, and JSON expectations
    Given the mock server requires the header "Authorization" matching "^Bearer "
    And 20 clients "user" are connected to "/chat" with the headers:
      | Authorization | Bearer t0ken |
    And 5 clients "member" are connected with the headers:
      | Authorization | Bearer m3mber |
    When every client "user" sends the JSON:
      """
      { "type": "subscribe", "channel": "prices" }
      """
    Then every client "user" should receive a JSON message containing:
      """
      { "type": "subscribe" }
      """
    When every client "member" sends the JSON:
      """
      { "type": "hello", "n": 1 }
      """
    Then every client "member" should receive a JSON message where "$.n" is "1" within 2 seconds
    And the mock server should have received the header "Authorization" with value "Bearer t0ken" from "user-20"

  Scenario: fan-out latency of a broadcast
    Given the mock server broadcasts messages
    And 50 clients "user" are connected to "/lobby"
    And "alice" is connected
    When "alice" sends "news"
    Then every client "user" should receive "news" within 3 seconds
    And the p95 fan-out latency of every client "user" should be below 2 seconds

  Scenario: fan-out latency of a mock server push, with JSON expectations
    Given 10 clients "user" are connected
    When the mock server sends "{\"type\":\"price\",\"value\":3}" to every client
    Then every client "user" should receive a JSON message where "$.type" is "price"
    And the p95 fan-out latency of every client "user" should be below 2 seconds
    When the mock server sends "{\"type\":\"price\",\"value\":4}" to every client
    Then every client "user" should receive a JSON message containing within 2 seconds:
      """
      { "value": 4 }
      """

  Scenario: messages of a size go out in the client's default frame type, each with its own bytes
    Given "alice" is connected
    And "alice" sends binary frames by default
    When "alice" sends 3 messages of 4 bytes
    Then "alice" should receive the bytes "78 78 78 78"
    And "alice" should receive the bytes "78 78 78 78"
    And "alice" should receive the bytes "78 78 78 78"
