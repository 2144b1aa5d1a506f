@self
Feature: Many clients

  Scenario: a broadcast reaches every client
    Given the mock server broadcasts messages
    And 3 clients "user" are connected
    When every client "user" sends "hi"
    Then every client "user" should receive "hi" within 2 seconds
    And "user-1" should receive 2 messages within 1 second

  Scenario: the server sends to every client
    Given 2 clients "user" are connected
    And "alice" is connected
    When the mock server sends "news" to every client
    Then every client "user" should receive "news"
    And "alice" should receive "news"

  Scenario: the mock server echoes by default and can be told so
    Given the mock server echoes messages
    And 1 client "solo" is connected
    When every client "solo" sends "me"
    Then "solo-1" should receive "me"
