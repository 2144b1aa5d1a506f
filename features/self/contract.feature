@self
Feature: Contracts
  JSON Schema checks of single messages, and an AsyncAPI document that checks every frame.

  Scenario: JSON Schema from a file and from a doc string
    Given the mock server replies "{\"type\":\"ack\",\"requestId\":\"0b6f3c1e-6f4e-4d2a-9c1b-2f6c9a1d7e11\"}" to "ack?"
    And "alice" is connected
    When "alice" sends "ack?"
    Then "alice" should receive a JSON message matching the schema "features/examples/schemas/ack.json"
    When "alice" sends "ack?"
    Then "alice" should receive a JSON message matching the schema "features/examples/schemas/ack.json" within 1 second
    When "alice" sends "ack?"
    Then "alice" should receive a JSON message matching the schema:
      """
      { "type": "object", "required": ["requestId"] }
      """
    When "alice" sends "ack?"
    Then "alice" should receive a JSON message matching the schema within 1 second:
      """
      { "type": "object", "properties": { "type": { "const": "ack" } } }
      """

  Scenario: an AsyncAPI 3 document, followed by the mock server
    Given the AsyncAPI document "../examples/contracts/trading.asyncapi.yaml"
    And contract violations fail the scenario
    And the mock server follows the AsyncAPI document
    And "alice" is connected to "/v1/markets/eu?token=abc"
    When "alice" sends the example of "PlaceOrder"
    Then "alice" should receive a "OrderConfirmed" message
    When "alice" sends a "PlaceOrder" message:
      """
      { "type": "placeOrder", "id": "B-2", "side": "buy", "qty": 1 }
      """
    Then "alice" should receive a "OrderConfirmed" message within 1 second
    When "alice" sends a "PlaceOrder" message:
      """
      { "type": "placeOrder", "id": "B-3", "side": "sell", "qty": 2 }
      """
    Then "alice" should receive a "OrderConfirmed" message where "$.id" is "B-3"
    When "alice" sends a "PlaceOrder" message:
      """
      { "type": "placeOrder", "id": "B-4", "side": "sell", "qty": 2 }
      """
    Then "alice" should receive a "OrderConfirmed" message where "$.id" is "B-4" within 1 second
    When "alice" sends the example of "PlaceOrder"
    Then "alice" should receive a "OrderConfirmed" reply
    When "alice" sends the example of "PlaceOrder"
    Then "alice" should receive a "OrderConfirmed" reply within 1 second

  Scenario: an invalid message on purpose, with violations that only warn
    Given the AsyncAPI document "../examples/contracts/trading.asyncapi.yaml"
    And contract violations only warn
    And "alice" is connected to "/v1/markets/eu?token=abc"
    When "alice" sends an invalid "PlaceOrder" message:
      """
      { "type": "placeOrder", "id": "B-5" }
      """
    Then "alice" should receive 1 message within 1 second
