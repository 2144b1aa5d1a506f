Feature: Contract testing of a trading API (AsyncAPI 3)
  The document contracts/trading.asyncapi.yaml is the contract: every frame each client sends and
  receives is checked against the channel its URL is on, and so is the handshake's query.

  Background:
    Given the AsyncAPI document "contracts/trading.asyncapi.yaml"
    And the mock server follows the AsyncAPI document

  Scenario: an order is confirmed with its own id
    Given "alice" is connected to "/v1/markets/eu?token=abc123"
    When "alice" sends a "PlaceOrder" message:
      """
      { "type": "placeOrder", "id": "B-7", "side": "sell", "qty": 3 }
      """
    Then "alice" should receive a "OrderConfirmed" reply within 2 seconds
    And "alice" should receive no message within 100 ms

  Scenario: the document's example order, checked field by field
    Given "bob" is connected to "/v1/markets/us?token=xyz"
    When "bob" sends the example of "PlaceOrder"
    Then "bob" should receive a "OrderConfirmed" message where "$.id" is "A-1"

  Scenario: a broken order is refused before it is sent, and can be sent on purpose
    Given "carol" is connected to "/v1/markets/eu?token=abc123"
    When "carol" sends an invalid "PlaceOrder" message:
      """
      { "type": "placeOrder", "id": "C-1", "side": "hold", "qty": 0 }
      """
    Then "carol" should receive no message within 200 ms
