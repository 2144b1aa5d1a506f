@self
Feature: Closing and reconnecting

  Scenario: the client closes
    Given "alice" is connected
    When "alice" closes
    Then "alice" should be closed
    And "alice" should be closed cleanly
    And "alice" should be closed cleanly with code 1000

  Scenario: the client closes with a code and a reason
    Given "alice" is connected
    And "bob" is connected
    When "alice" closes with code 4001
    And "bob" closes with code 1000 and reason "bye"
    Then "alice" should be closed cleanly with code 4001
    And "bob" should be closed within 1 second
    And the mock server should have received the header "Upgrade" with value "websocket" from "bob"

  Scenario: the server closes after some messages
    Given the mock server closes connections after 2 messages with code 4000
    And "alice" is connected
    When "alice" sends "1"
    And "alice" sends "2"
    Then "alice" should be closed by the server with code 4000
    And "alice" should be closed cleanly with code 4000

  Scenario: the server closes with a reason
    Given the mock server closes connections after 1 message with code 4001 and reason "enough"
    And "alice" is connected
    When "alice" sends "1"
    Then "alice" should be closed by the server with code 4001 and reason "enough" within 1 second

  Scenario: the client drops the connection
    Given "alice" is connected
    When "alice" drops the connection
    Then "alice" should be disconnected without a close frame

  Scenario: the server drops the connection
    Given "alice" is connected
    When the mock server drops "alice"
    Then "alice" should be disconnected without a close frame within 1 second

  Scenario: the server drops connections after a message
    Given the mock server drops connections after 1 message
    And "alice" is connected
    When "alice" sends "last words"
    Then "alice" should receive "last words"
    And "alice" should be disconnected without a close frame

  Scenario: reconnecting by hand
    Given "alice" is connected
    When "alice" reconnects
    Then "alice" should be connected
    When "alice" closes
    And "alice" reconnects after 200 ms
    Then "alice" should be connected

  Scenario: reconnecting by itself after an unexpected close
    Given a client "alice"
    And "alice" reconnects 200 ms after an unexpected close
    When "alice" connects
    And the mock server drops "alice"
    Then "alice" should be disconnected without a close frame
    And "alice" should reconnect within 2 seconds
    And "alice" should be connected

  Scenario: the inbox survives reconnects
    Given the mock server sends "welcome" on connect
    And "alice" is connected
    When "alice" reconnects
    Then "alice" should receive 2 messages within 1 second
