@conformance
Feature: Framing
  RFC 6455 section 5.2: a server reads frames of every length encoding, whatever way the bytes are
  cut into TCP segments, and echoes each message exactly, in the type it came in.
  (Autobahn|Testsuite categories 1 and 10.)

  Background:
    Given "alice" is connected

  @rfc6455-5.2 @must
  Scenario Outline: A text message of <size> is echoed exactly
    When "alice" sends a text message of <size>
    Then "alice" should receive that message back

    Examples: 7-bit and 16-bit length fields and their edges
      | size       |
      | 0 bytes    |
      | 1 byte     |
      | 125 bytes  |
      | 126 bytes  |
      | 127 bytes  |
      | 128 bytes  |
      | 4096 bytes |

  @rfc6455-5.2 @must
  Scenario Outline: A binary message of <size> is echoed exactly
    When "alice" sends a binary message of <size>
    Then "alice" should receive that message back

    Examples: 7-bit and 16-bit length fields and their edges
      | size       |
      | 0 bytes    |
      | 1 byte     |
      | 125 bytes  |
      | 126 bytes  |
      | 127 bytes  |
      | 128 bytes  |
      | 4096 bytes |

  # Above 4 KiB a server may have met its size limit (RFC 6455 10.4, see README.md): a refusal with
  # 1009 is conformant, anything else but the exact echo is not.
  @rfc6455-5.2 @rfc6455-10.4 @must
  Scenario Outline: A <type> message of <size> is echoed exactly or refused with 1009
    When "alice" sends a <type> message of <size>
    Then "alice" should receive that message back or be closed by the server with code 1009

    Examples: the largest 16-bit length and the smallest 64-bit length
      | type   | size        |
      | text   | 65535 bytes |
      | text   | 65536 bytes |
      | binary | 65535 bytes |
      | binary | 65536 bytes |

  # A server may limit message sizes (RFC 6455 10.4); limits-and-sizes.feature reports that limit.
  @rfc6455-5.2 @should
  Scenario Outline: A <type> message of 16 MiB is echoed exactly
    When "alice" sends a <type> message of 16 MiB
    Then "alice" should receive that message back within 20 seconds

    Examples:
      | type   |
      | text   |
      | binary |

  @rfc6455-5.2 @must
  Scenario Outline: A <type> message of 4000 bytes written in TCP chunks of 997 bytes is echoed
    When "alice" sends a <type> message of 4000 bytes in TCP writes of 997 bytes
    Then "alice" should receive that message back

    Examples:
      | type   |
      | text   |
      | binary |

  @rfc6455-5.2 @rfc6455-10.4 @must
  Scenario Outline: A <type> message of 65536 bytes written in TCP chunks of 997 bytes is echoed or refused with 1009
    When "alice" sends a <type> message of 65536 bytes in TCP writes of 997 bytes
    Then "alice" should receive that message back or be closed by the server with code 1009

    Examples:
      | type   |
      | text   |
      | binary |

  @rfc6455-5.2 @must
  Scenario: A frame delivered one byte per TCP write is read
    When "alice" sends the frame one byte per TCP write:
      | opcode  | text          |
      | payload | Hello, world! |
    Then "alice" should receive "Hello, world!"

  @rfc6455-5.2 @must
  Scenario: A 16-bit length frame delivered one byte per TCP write is read
    When "alice" sends a binary message of 300 bytes one byte per TCP write
    Then "alice" should receive that message back

  @rfc6455-5.2 @must
  Scenario: Several frames in one TCP write are all read, in order
    When "alice" sends 5 text messages of 20 bytes in one TCP write
    Then "alice" should receive those 5 messages back in order

  @rfc6455-5.1 @must
  Scenario Outline: An unmasked <opcode> frame from the client fails the connection with 1002
    When "alice" sends the frame:
      | opcode  | <opcode> |
      | mask    | false    |
      | payload | hello    |
    Then the server should fail the connection of "alice" with code 1002

    Examples:
      | opcode |
      | text   |
      | binary |
      | ping   |

  @rfc6455-5.2 @must
  Scenario: A 64-bit length with its most significant bit set fails the connection
    # 0x81: FIN + text; 0xff: masked, 64-bit length; then a length of 2^63 + 5 and a zero mask key.
    When "alice" sends the raw bytes "81 ff 80 00 00 00 00 00 00 05 00 00 00 00 68 65 6c 6c 6f"
    Then the server should fail the connection of "alice" with code 1002 or 1009

  # RFC 6455 5.2 requires the minimal length encoding, but many servers accept a longer one.
  @rfc6455-5.2 @informational
  Scenario: A length encoded in more bytes than needed is reported
    When "alice" sends the frames:
      | opcode | payload | length width |
      | text   | hello   | 16           |
    Then the outcome for "alice" is reported
