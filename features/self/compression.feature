@self
Feature: Compression
  permessage-deflate (RFC 7692) between the client and the mock server: offers, the answer, and
  messages compressed both ways, or sent uncompressed on purpose.

  Scenario: a plain offer accepted; messages compressed both ways
    Given the mock server supports permessage-deflate
    And "alice" offers permessage-deflate
    And "alice" is connected
    Then "alice" should have negotiated permessage-deflate
    When "alice" sends "hello, hello, hello"
    Then "alice" should receive "hello, hello, hello"
    And the last message "alice" received should have been compressed

  Scenario: an offer with parameters, answered as asked
    Given the mock server supports permessage-deflate
    And "alice" offers permessage-deflate with "client_max_window_bits=10; server_no_context_takeover"
    And "alice" is connected
    Then "alice" should have negotiated permessage-deflate with "server_no_context_takeover; client_max_window_bits=10"
    When "alice" sends "the same words again and again and again"
    Then "alice" should receive "the same words again and again and again"

  Scenario: the server's own terms, and the second of two offers
    Given the mock server supports permessage-deflate with "client_no_context_takeover; server_max_window_bits=9"
    And "alice" offers permessage-deflate with "server_max_window_bits=8"
    And "alice" offers permessage-deflate with "client_max_window_bits"
    And "alice" is connected
    Then "alice" should have negotiated permessage-deflate with "client_no_context_takeover; server_max_window_bits=9"
    When "alice" sends "one"
    And "alice" sends "one" uncompressed
    And "alice" sends "one"
    Then "alice" should receive "one"
    And "alice" should receive "one"
    And "alice" should receive "one"

  Scenario: the client's window left to the server, which sets one
    Given the mock server supports permessage-deflate with "client_max_window_bits=11"
    And "alice" offers permessage-deflate with "client_max_window_bits"
    And "alice" is connected
    Then "alice" should have negotiated permessage-deflate with "client_max_window_bits"
    And "alice" should have negotiated permessage-deflate with "client_max_window_bits=11"
    When "alice" sends "a window of 11 bits, a window of 11 bits"
    Then "alice" should receive "a window of 11 bits, a window of 11 bits"

  Scenario: a message sent uncompressed in a takeover context, and the next compressed one
    Given the mock server supports permessage-deflate
    And "alice" offers permessage-deflate
    And "alice" is connected
    When "alice" sends "context, context, context"
    And "alice" sends "plain" uncompressed
    And "alice" sends "context, context, context"
    Then "alice" should receive "context, context, context"
    And "alice" should receive "plain"
    And "alice" should receive "context, context, context"

  Scenario: no offer, no compression
    Given the mock server supports permessage-deflate
    And "alice" is connected
    Then "alice" should not have negotiated permessage-deflate
    When "alice" sends "plain"
    Then "alice" should receive "plain"
    And the last message "alice" received should not have been compressed

  Scenario: a mock server without compression leaves the offer unanswered
    Given "alice" offers permessage-deflate
    And "alice" is connected
    Then "alice" should not have negotiated permessage-deflate
