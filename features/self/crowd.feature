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

  Scenario: a group with handshake headers, expecting JSON
    Given the mock server requires the header "Authorization" matching "^Bearer "
    And the mock server sends "{\"type\":\"welcome\",\"room\":\"lobby\"}" on connect
    And 2 clients "member" are connected with the headers:
      | Authorization | Bearer t0k3n |
    Then every client "member" should receive a JSON message containing:
      """
      { "type": "welcome" }
      """

  Scenario: a group on a path
    Given the mock server sends "{\"type\":\"welcome\",\"room\":\"lobby\"}" on connect
    And 2 clients "guest" are connected to "/lobby"
    Then every client "guest" should receive a JSON message where "$.room" is "lobby" within 2 seconds

  Scenario: group expectations with and without a time limit
    Given the mock server echoes messages
    And 2 clients "echo" are connected
    When every client "echo" sends "{\"type\":\"ping\",\"n\":1}"
    Then every client "echo" should receive a JSON message containing within 2 seconds:
      """
      { "type": "ping" }
      """
    When every client "echo" sends "{\"type\":\"ping\",\"n\":2}"
    Then every client "echo" should receive a JSON message where "$.n" is "2"
