Feature: Heartbeats
  Both sides keep the connection alive with pings; a peer that stops answering is noticed.

  Scenario: the server pings and the client answers
    Given the mock server sends a ping every 100 ms
    And "alice" is connected
    Then "alice" should receive a ping within 1 second
    And "alice" should be connected

  Scenario: the client pings and the server answers
    Given a client "alice"
    And "alice" sends pings every 100 ms
    When "alice" connects
    Then "alice" should receive at least 3 pongs within 2 seconds

  Scenario: a ping with a payload gets the same payload back
    Given "alice" is connected
    When "alice" sends a ping "are you there?"
    Then "alice" should receive a pong "are you there?" within 1 second

  Scenario: a server that stopped answering pings
    Given the mock server does not answer pings
    And "alice" is connected
    When "alice" sends a ping "are you there?"
    Then "alice" should receive no pong within 500 ms
