@conformance @rfc7692
Feature: Compression
  RFC 7692 (permessage-deflate): every message echoed exactly, whatever its size and how well it
  compresses, under each combination of window sizes and context takeover a client may offer; a message
  sent uncompressed in a context that is carried on; RSV1 where it does not belong; offers a server must
  decline. A case whose offer the server declines is SKIPPED (a server may decline any offer). After
  Autobahn|Testsuite categories 12 and 13, with fewer messages per case.

  @rfc7692-7.2 @must
  Scenario Outline: default (both sides keep their context, 15-bit windows): <count> messages of <kind> of <size> are echoed exactly
    Given "alice" offers permessage-deflate
    And "alice" tries to connect
    And "alice" has negotiated permessage-deflate, or the case is skipped
    When "alice" sends <count> messages of <kind> of <size>
    Then "alice" should receive those <count> messages back in order

    Examples:
      | kind               | size       | count |
      | repetitive text    | 0 bytes    | 3     |
      | repetitive text    | 125 bytes  | 10    |
      | repetitive text    | 4 KiB      | 10    |
      | random text        | 16 bytes   | 10    |
      | random text        | 1000 bytes | 10    |
      | random text        | 4 KiB      | 10    |
      | random binary      | 1 byte     | 10    |
      | random binary      | 1000 bytes | 10    |
      | random binary      | 4 KiB      | 5     |
      | long-period binary | 4 KiB      | 10    |

  @rfc7692-7.2 @must
  Scenario Outline: client_no_context_takeover (the client compresses every message on its own): <count> messages of <kind> of <size> are echoed exactly
    Given "alice" offers permessage-deflate with "client_no_context_takeover"
    And "alice" tries to connect
    And "alice" has negotiated permessage-deflate, or the case is skipped
    When "alice" sends <count> messages of <kind> of <size>
    Then "alice" should receive those <count> messages back in order

    Examples:
      | kind               | size       | count |
      | repetitive text    | 0 bytes    | 3     |
      | repetitive text    | 125 bytes  | 10    |
      | repetitive text    | 4 KiB      | 10    |
      | random text        | 16 bytes   | 10    |
      | random text        | 1000 bytes | 10    |
      | random text        | 4 KiB      | 10    |
      | random binary      | 1 byte     | 10    |
      | random binary      | 1000 bytes | 10    |
      | random binary      | 4 KiB      | 5     |
      | long-period binary | 4 KiB      | 10    |

  @rfc7692-7.2 @must
  Scenario Outline: server_no_context_takeover (the server compresses every message on its own): <count> messages of <kind> of <size> are echoed exactly
    Given "alice" offers permessage-deflate with "server_no_context_takeover"
    And "alice" tries to connect
    And "alice" has negotiated permessage-deflate, or the case is skipped
    When "alice" sends <count> messages of <kind> of <size>
    Then "alice" should receive those <count> messages back in order

    Examples:
      | kind               | size       | count |
      | repetitive text    | 0 bytes    | 3     |
      | repetitive text    | 125 bytes  | 10    |
      | repetitive text    | 4 KiB      | 10    |
      | random text        | 16 bytes   | 10    |
      | random text        | 1000 bytes | 10    |
      | random text        | 4 KiB      | 10    |
      | random binary      | 1 byte     | 10    |
      | random binary      | 1000 bytes | 10    |
      | random binary      | 4 KiB      | 5     |
      | long-period binary | 4 KiB      | 10    |

  @rfc7692-7.2 @must
  Scenario Outline: windows of 8 bits (the smallest windows): <count> messages of <kind> of <size> are echoed exactly
    Given "alice" offers permessage-deflate with "client_max_window_bits=8; server_max_window_bits=8"
    And "alice" tries to connect
    And "alice" has negotiated permessage-deflate, or the case is skipped
    When "alice" sends <count> messages of <kind> of <size>
    Then "alice" should receive those <count> messages back in order

    Examples:
      | kind               | size       | count |
      | repetitive text    | 0 bytes    | 3     |
      | repetitive text    | 125 bytes  | 10    |
      | repetitive text    | 4 KiB      | 10    |
      | random text        | 16 bytes   | 10    |
      | random text        | 1000 bytes | 10    |
      | random text        | 4 KiB      | 10    |
      | random binary      | 1 byte     | 10    |
      | random binary      | 1000 bytes | 10    |
      | random binary      | 4 KiB      | 5     |
      | long-period binary | 4 KiB      | 10    |

  @rfc7692-7.2 @must
  Scenario Outline: windows of 15 bits (the largest windows, named): <count> messages of <kind> of <size> are echoed exactly
    Given "alice" offers permessage-deflate with "client_max_window_bits=15; server_max_window_bits=15"
    And "alice" tries to connect
    And "alice" has negotiated permessage-deflate, or the case is skipped
    When "alice" sends <count> messages of <kind> of <size>
    Then "alice" should receive those <count> messages back in order

    Examples:
      | kind               | size       | count |
      | repetitive text    | 0 bytes    | 3     |
      | repetitive text    | 125 bytes  | 10    |
      | repetitive text    | 4 KiB      | 10    |
      | random text        | 16 bytes   | 10    |
      | random text        | 1000 bytes | 10    |
      | random text        | 4 KiB      | 10    |
      | random binary      | 1 byte     | 10    |
      | random binary      | 1000 bytes | 10    |
      | random binary      | 4 KiB      | 5     |
      | long-period binary | 4 KiB      | 10    |

  @rfc7692-7.2 @must
  Scenario Outline: windows of 9 bits, no context takeover (small windows, every message on its own): <count> messages of <kind> of <size> are echoed exactly
    Given "alice" offers permessage-deflate with "client_max_window_bits=9; server_max_window_bits=9; client_no_context_takeover; server_no_context_takeover"
    And "alice" tries to connect
    And "alice" has negotiated permessage-deflate, or the case is skipped
    When "alice" sends <count> messages of <kind> of <size>
    Then "alice" should receive those <count> messages back in order

    Examples:
      | kind               | size       | count |
      | repetitive text    | 0 bytes    | 3     |
      | repetitive text    | 125 bytes  | 10    |
      | repetitive text    | 4 KiB      | 10    |
      | random text        | 16 bytes   | 10    |
      | random text        | 1000 bytes | 10    |
      | random text        | 4 KiB      | 10    |
      | random binary      | 1 byte     | 10    |
      | random binary      | 1000 bytes | 10    |
      | random binary      | 4 KiB      | 5     |
      | long-period binary | 4 KiB      | 10    |

  @rfc7692-7.2 @must
  Scenario Outline: client_max_window_bits without a value (the server may choose the client's window): <count> messages of <kind> of <size> are echoed exactly
    Given "alice" offers permessage-deflate with "client_max_window_bits"
    And "alice" tries to connect
    And "alice" has negotiated permessage-deflate, or the case is skipped
    When "alice" sends <count> messages of <kind> of <size>
    Then "alice" should receive those <count> messages back in order

    Examples:
      | kind               | size       | count |
      | repetitive text    | 0 bytes    | 3     |
      | repetitive text    | 125 bytes  | 10    |
      | repetitive text    | 4 KiB      | 10    |
      | random text        | 16 bytes   | 10    |
      | random text        | 1000 bytes | 10    |
      | random text        | 4 KiB      | 10    |
      | random binary      | 1 byte     | 10    |
      | random binary      | 1000 bytes | 10    |
      | random binary      | 4 KiB      | 5     |
      | long-period binary | 4 KiB      | 10    |

  @rfc7692-6.1 @rfc7692-7.2 @must
  Scenario Outline: compressed messages in fragments (<offer>): <count> messages of <kind> of <size> in <fragments> fragments are echoed exactly
    Given "alice" offers permessage-deflate with "<offer>"
    And "alice" tries to connect
    And "alice" has negotiated permessage-deflate, or the case is skipped
    When "alice" sends <count> messages of <kind> of <size> in <fragments> fragments
    Then "alice" should receive those <count> messages back in order

    Examples:
      | offer                                                  | kind               | size   | fragments | count |
      | client_max_window_bits                                 | repetitive text    | 4 KiB  | 2         | 5     |
      | client_max_window_bits                                 | random text        | 4 KiB  | 4         | 5     |
      | client_max_window_bits                                 | random binary      | 64 KiB | 16        | 3     |
      | client_no_context_takeover; server_no_context_takeover | random text        | 16 KiB | 8         | 5     |
      | client_max_window_bits=9; server_max_window_bits=9     | long-period binary | 4 KiB  | 3         | 5     |

  @rfc7692-7.2 @rfc6455-10.4 @must
  Scenario Outline: large messages of <kind> of <size> are echoed exactly, or refused with 1009
    Given "alice" offers permessage-deflate
    And "alice" tries to connect
    And "alice" has negotiated permessage-deflate, or the case is skipped
    When "alice" sends 1 message of <kind> of <size>
    Then "alice" should receive that message back or be closed by the server with code 1009

    Examples:
      | kind               | size    |
      | repetitive text    | 64 KiB  |
      | random binary      | 64 KiB  |
      | long-period binary | 256 KiB |
      | random text        | 1 MiB   |

  @rfc7692-7.2.3 @must
  Scenario Outline: a message sent uncompressed in the middle keeps the context in step (<offer>)
    Given "alice" offers permessage-deflate with "<offer>"
    And "alice" tries to connect
    And "alice" has negotiated permessage-deflate, or the case is skipped
    When "alice" sends 2 messages of identical random text of 1000 bytes
    And "alice" sends 1 message of random text of 1000 bytes uncompressed
    And "alice" sends 2 messages of identical random text of 1000 bytes
    And "alice" sends 1 message of long-period binary of 2 KiB uncompressed
    And "alice" sends 2 messages of long-period binary of 2 KiB
    Then "alice" should receive those 8 messages back in order

    Examples:
      | offer                                                  |
      | client_max_window_bits=15                              |
      | client_no_context_takeover                             |
      | server_no_context_takeover; client_max_window_bits=10  |

  @rfc7692-5 @must
  Scenario: the second of two offers, when the server declines the first
    Given "alice" offers permessage-deflate with "server_max_window_bits=8; client_max_window_bits=8"
    And "alice" offers permessage-deflate
    And "alice" tries to connect
    And "alice" has negotiated permessage-deflate, or the case is skipped
    When "alice" sends 5 messages of random text of 1000 bytes
    Then "alice" should receive those 5 messages back in order

  @rfc7692-6.1 @must
  Scenario: RSV1 on a continuation frame fails the connection with 1002
    Given "alice" offers permessage-deflate
    And "alice" tries to connect
    And "alice" has negotiated permessage-deflate, or the case is skipped
    When "alice" sends "compressed, compressed, compressed" compressed, with RSV1 on its continuation frame too
    Then the server should fail the connection of "alice" with code 1002
    And "alice" should have received no message

  @rfc7692-6.1 @must
  Scenario Outline: RSV1 on a <opcode> frame fails the connection with 1002
    Given "alice" offers permessage-deflate
    And "alice" tries to connect
    And "alice" has negotiated permessage-deflate, or the case is skipped
    When "alice" sends the frame:
      | opcode      | <opcode>    |
      | rsv1        | true        |
      | payload hex | <payload>   |
    Then the server should fail the connection of "alice" with code 1002

    Examples:
      | opcode | payload |
      | ping   | 68 69   |
      | pong   | 68 69   |
      | close  | 03 e8   |

  @rfc7692-6.2 @must
  Scenario: a compressed message that does not inflate fails the connection
    Given "alice" offers permessage-deflate
    And "alice" tries to connect
    And "alice" has negotiated permessage-deflate, or the case is skipped
    When "alice" sends the frame:
      | opcode      | binary      |
      | rsv1        | true        |
      | payload hex | ff ff ff 01 |
    Then the server should fail the connection of "alice" with code 1007 or 1002

  @rfc7692-6.2 @rfc6455-8.1 @must
  Scenario: compressed text that is not UTF-8 once inflated fails the connection with 1007
    Given "alice" offers permessage-deflate
    And "alice" tries to connect
    And "alice" has negotiated permessage-deflate, or the case is skipped
    When "alice" sends the text bytes "ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64" compressed
    Then the server should fail the connection of "alice" with code 1007
    And "alice" should have received no message

  @rfc7692-7.1 @must
  Scenario Outline: an offer with <fault> is declined
    Given "bob" offers permessage-deflate
    And "bob" is connected
    And "bob" has negotiated permessage-deflate, or the case is skipped
    Given a client "alice"
    And "alice" sends the headers:
      | Sec-WebSocket-Extensions | <offer> |
    When "alice" tries to connect
    Then the server should have declined the permessage-deflate offer of "alice"

    Examples:
      | fault                                | offer                                                              |
      | an unknown parameter                 | permessage-deflate; x_wsbdd_unknown                                |
      | server_max_window_bits=7             | permessage-deflate; server_max_window_bits=7                       |
      | server_max_window_bits=16            | permessage-deflate; server_max_window_bits=16                      |
      | server_max_window_bits without value | permessage-deflate; server_max_window_bits                         |
      | client_max_window_bits=16            | permessage-deflate; client_max_window_bits=16                      |
      | a value on a takeover parameter      | permessage-deflate; server_no_context_takeover=1                   |
      | a repeated parameter                 | permessage-deflate; client_no_context_takeover; client_no_context_takeover |
