Feature: A JSON API over WebSocket
  Requests and answers are JSON text messages; answers are checked by subset or by JSONPath, and values
  from one answer are reused in the next request.

  Background:
    Given the mock server replies "{\"type\":\"order-created\",\"order\":{\"id\":\"A-17\",\"items\":[{\"sku\":\"tea\",\"qty\":2}]}}" to "{\"type\":\"create-order\",\"items\":[{\"sku\":\"tea\",\"qty\":2}]}"
    And the mock server replies "{\"type\":\"order-status\",\"id\":\"A-17\",\"status\":\"paid\"}" to "{\"type\":\"get-order\",\"id\":\"A-17\"}"
    And the mock server sends "{\"type\":\"hello\",\"version\":2}" on connect
    And "alice" is connected to "/api"

  Scenario: the greeting announces the protocol version
    Then "alice" should receive a JSON message where "$.version" is "2"

  Scenario: create an order, then ask for it by the id the server gave
    Then "alice" should receive a JSON message where "$.type" is "hello"
    When "alice" sends the JSON:
      """
      { "type": "create-order", "items": [ { "sku": "tea", "qty": 2 } ] }
      """
    Then "alice" should receive a JSON message containing:
      """
      { "type": "order-created", "order": { "items": [ { "sku": "tea", "qty": 2 } ] } }
      """
    When "alice" remembers the JSON field "$.order.id" as "orderId"
    And "alice" sends the JSON:
      """
      { "type": "get-order", "id": "${orderId}" }
      """
    Then "alice" should receive a JSON message containing within 1 second:
      """
      { "type": "order-status", "id": "${orderId}", "status": "paid" }
      """
