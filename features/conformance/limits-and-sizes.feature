@conformance
Feature: Limits and sizes
  RFC 6455 section 10.4: a server may limit the size of frames and messages, and closes with 1009
  when a message is too big for it. Either answer is conformant: the scenarios check that large
  messages come back exactly or are refused with 1009, and report which. Many small messages are
  echoed in order. (Autobahn|Testsuite category 9.)

  Background:
    Given "alice" is connected

  @rfc6455-10.4 @must
  Scenario Outline: A <type> message of <size> is echoed or refused with 1009
    When "alice" sends a <type> message of <size>
    Then "alice" should receive that message back or be closed by the server with code 1009 within 20 seconds

    Examples:
      | type   | size    |
      | text   | 64 KiB  |
      | text   | 256 KiB |
      | text   | 1 MiB   |
      | text   | 4 MiB   |
      | text   | 8 MiB   |
      | text   | 16 MiB  |
      | binary | 64 KiB  |
      | binary | 256 KiB |
      | binary | 1 MiB   |
      | binary | 4 MiB   |
      | binary | 8 MiB   |
      | binary | 16 MiB  |

  @rfc6455-10.4 @must
  Scenario Outline: A <type> message of 4 MiB in fragments of <fragment> is echoed or refused with 1009
    When "alice" sends a <type> message of 4 MiB in fragments of <fragment>
    Then "alice" should receive that message back or be closed by the server with code 1009 within 20 seconds

    Examples:
      | type   | fragment  |
      | text   | 256 bytes |
      | text   | 1 KiB     |
      | text   | 4 KiB     |
      | text   | 16 KiB    |
      | text   | 64 KiB    |
      | text   | 256 KiB   |
      | text   | 1 MiB     |
      | binary | 256 bytes |
      | binary | 1 KiB     |
      | binary | 4 KiB     |
      | binary | 16 KiB    |
      | binary | 64 KiB    |
      | binary | 256 KiB   |
      | binary | 1 MiB     |

    # 65536 fragments: ws refuses messages of more than 16384 fragments with 1008 (its maxFragments).
    @known-deviation-ws
    Examples: fragments of 64 bytes
      | type   | fragment |
      | text   | 64 bytes |
      | binary | 64 bytes |

  @rfc6455-10.4 @must
  Scenario Outline: A <type> message of 1 MiB written in TCP chunks of <chunk> is echoed or refused with 1009
    When "alice" sends a <type> message of 1 MiB in TCP writes of <chunk>
    Then "alice" should receive that message back or be closed by the server with code 1009 within 20 seconds

    Examples:
      | type   | chunk     |
      | text   | 64 bytes  |
      | text   | 128 bytes |
      | text   | 256 bytes |
      | text   | 512 bytes |
      | text   | 1 KiB     |
      | text   | 2 KiB     |
      | text   | 4 KiB     |
      | text   | 64 KiB    |
      | binary | 64 bytes  |
      | binary | 128 bytes |
      | binary | 256 bytes |
      | binary | 512 bytes |
      | binary | 1 KiB     |
      | binary | 2 KiB     |
      | binary | 4 KiB     |
      | binary | 64 KiB    |

  @rfc6455-5.6 @must
  Scenario Outline: <count> <type> messages of <size> sent back to back are echoed in order
    When "alice" sends <count> <type> messages of <size>
    Then "alice" should receive those <count> messages back in order within 10 seconds

    Examples:
      | count | type   | size      |
      | 1000  | text   | 0 bytes   |
      | 1000  | text   | 16 bytes  |
      | 1000  | text   | 64 bytes  |
      | 1000  | text   | 256 bytes |
      | 1000  | text   | 1 KiB     |
      | 1000  | text   | 4 KiB     |
      | 100   | text   | 4 KiB     |
      | 1000  | binary | 0 bytes   |
      | 1000  | binary | 16 bytes  |
      | 1000  | binary | 64 bytes  |
      | 1000  | binary | 256 bytes |
      | 1000  | binary | 1 KiB     |
      | 1000  | binary | 4 KiB     |
      | 100   | binary | 4 KiB     |

  # 64 KiB may be over the server's limit (RFC 6455 10.4): a refusal with 1009 is conformant.
  @rfc6455-5.6 @should
  Scenario: 100 binary messages of 64 KiB sent back to back are echoed in order
    When "alice" sends 100 binary messages of 64 KiB
    Then "alice" should receive those 100 messages back in order within 10 seconds
