Feature: Contract testing of a chat API (AsyncAPI 2.6)
  In AsyncAPI 2.x "publish" is what clients send and "subscribe" what they receive; a Say and its Ack
  are paired by their correlation id.

  Background:
    Given the AsyncAPI document "contracts/chat.asyncapi.yaml"
    And the mock server follows the AsyncAPI document

  Scenario: what a client says is acknowledged
    Given a client "dana" for "/chat/lobby"
    And "dana" sends the headers:
      | X-Client-Version | 2.1 |
    When "dana" connects
    And "dana" sends a "Say" message:
      """
      { "type": "say", "requestId": "7d1c2a4e-1f0b-4c55-8e0a-3b2f9d6c4a10", "text": "hi all" }
      """
    Then "dana" should receive a "Ack" reply
    When "dana" sends the example of "Say"
    Then "dana" should receive a JSON message matching the schema "schemas/ack.json"

  Scenario: a JSON Schema in the scenario itself
    Given a client "erin" for "/chat/support"
    And "erin" sends the headers:
      | X-Client-Version | 1.0 |
    When "erin" connects
    And "erin" sends the example of "Say"
    Then "erin" should receive a JSON message matching the schema:
      """
      {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["type", "requestId"],
        "properties": { "type": { "const": "ack" }, "requestId": { "type": "string", "format": "uuid" } }
      }
      """
