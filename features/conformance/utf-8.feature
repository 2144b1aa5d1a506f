@conformance
Feature: UTF-8 handling
  RFC 6455 sections 5.6 and 8.1: the payload of a text message is UTF-8. A server echoes valid text
  however it is cut into fragments, and fails the connection with 1007 on text that is not UTF-8.
  A strict server fails as soon as the bytes received so far can no longer be valid ("fails fast");
  the @should scenarios report whether it does. (Autobahn|Testsuite category 6.)

  Background:
    Given "alice" is connected

  @rfc6455-8.1 @must
  Scenario Outline: Valid UTF-8 is echoed exactly: <what>
    When "alice" sends the text bytes "<bytes>"
    Then "alice" should receive the text bytes "<bytes>"

    Examples:
      | what                      | bytes                                                                                  |
      | Greek "κόσμε"             | ce ba e1 bd b9 cf 83 ce bc ce b5                                                       |
      | Latin letters and symbols | 48 65 6c 6c 6f 2d c2 b5 40 c3 9f c3 b6 c3 a4 c3 bc c3 a0 c3 a1 2d 55 54 46 2d 38 21 21 |
      | U+0000, the first 1-byte  | 00                                                                                     |
      | U+007F, the last 1-byte   | 7f                                                                                     |
      | U+0080, the first 2-byte  | c2 80                                                                                  |
      | U+07FF, the last 2-byte   | df bf                                                                                  |
      | U+0800, the first 3-byte  | e0 a0 80                                                                               |
      | U+FFFF, the last 3-byte   | ef bf bf                                                                               |
      | U+10000, the first 4-byte | f0 90 80 80                                                                            |
      | U+10FFFF, the last 4-byte | f4 8f bf bf                                                                            |
      | U+D7FF, below surrogates  | ed 9f bf                                                                               |
      | U+E000, above surrogates  | ee 80 80                                                                               |
      | U+FFFD, replacement char  | ef bf bd                                                                               |
      | U+FEFF, byte order mark   | ef bb bf                                                                               |
      | U+FFFE, a noncharacter    | ef bf be                                                                               |
      | U+FDD0, a noncharacter    | ef b7 90                                                                               |
      | U+1D11E, musical G clef   | f0 9d 84 9e                                                                            |
      | U+10FFFE, a noncharacter  | f4 8f bf be                                                                            |

  @rfc6455-8.1 @must
  Scenario Outline: Valid UTF-8 split into one-byte fragments is echoed whole: <what>
    When "alice" sends the text bytes "<bytes>" in fragments of 1 byte
    Then "alice" should receive the text bytes "<bytes>"

    Examples:
      | what                      | bytes                                                                                  |
      | Greek "κόσμε"             | ce ba e1 bd b9 cf 83 ce bc ce b5                                                       |
      | Latin letters and symbols | 48 65 6c 6c 6f 2d c2 b5 40 c3 9f c3 b6 c3 a4 c3 bc c3 a0 c3 a1 2d 55 54 46 2d 38 21 21 |
      | U+20AC, the euro sign     | e2 82 ac                                                                               |
      | U+1D11E, musical G clef   | f0 9d 84 9e                                                                            |
      | U+10FFFF                  | f4 8f bf bf                                                                            |

  @rfc6455-8.1 @must
  Scenario: Valid UTF-8 delivered one byte per TCP write is echoed
    When "alice" sends the text bytes "ce ba e1 bd b9 cf 83 ce bc ce b5 f0 9d 84 9e" one byte per TCP write
    Then "alice" should receive the text bytes "ce ba e1 bd b9 cf 83 ce bc ce b5 f0 9d 84 9e"

  @rfc6455-8.1 @must
  Scenario Outline: Invalid UTF-8 fails the connection with 1007: <what>
    When "alice" sends the text bytes "<bytes>"
    Then "alice" should be closed by the server with code 1007
    And "alice" should have received no message

    Examples: overlong encodings
      | what              | bytes             |
      | "/" in 2 bytes    | c0 af             |
      | "/" in 3 bytes    | e0 80 af          |
      | "/" in 4 bytes    | f0 80 80 af       |
      | "/" in 5 bytes    | f8 80 80 80 af    |
      | "/" in 6 bytes    | fc 80 80 80 80 af |
      | U+007F in 2 bytes | c1 bf             |
      | U+07FF in 3 bytes | e0 9f bf          |
      | U+FFFF in 4 bytes | f0 8f bf bf       |
      | U+0000 in 2 bytes | c0 80             |
      | U+0000 in 3 bytes | e0 80 80          |
      | U+0000 in 4 bytes | f0 80 80 80       |

    Examples: UTF-16 surrogates
      | what                   | bytes             |
      | U+D800                 | ed a0 80          |
      | U+DB7F                 | ed ad bf          |
      | U+DB80                 | ed ae 80          |
      | U+DBFF                 | ed af bf          |
      | U+DC00                 | ed b0 80          |
      | U+DF80                 | ed be 80          |
      | U+DFFF                 | ed bf bf          |
      | the pair U+D800 U+DC00 | ed a0 80 ed b0 80 |
      | the pair U+DBFF U+DFFF | ed af bf ed bf bf |

    Examples: code points above U+10FFFF
      | what                  | bytes             |
      | U+110000              | f4 90 80 80       |
      | U+1FFFFF              | f7 bf bf bf       |
      | U+200000 in 5 bytes   | f8 88 80 80 80    |
      | U+3FFFFFF in 5 bytes  | fb bf bf bf bf    |
      | U+4000000 in 6 bytes  | fc 84 80 80 80 80 |
      | U+7FFFFFFF in 6 bytes | fd bf bf bf bf bf |

    Examples: bytes that never occur, and misplaced continuation bytes
      | what                           | bytes       |
      | the byte FE                    | fe          |
      | the byte FF                    | ff          |
      | FE FE FF FF                    | fe fe ff ff |
      | a lone continuation byte 80    | 80          |
      | a lone continuation byte BF    | bf          |
      | three continuation bytes       | 80 bf 80    |
      | a 2-byte start then a space    | c0 20       |
      | a 2-byte start DF then a space | df 20       |
      | a 3-byte start then a space    | e0 20       |
      | a 4-byte start then a space    | f0 20       |
      | a 5-byte start then a space    | f8 20       |
      | a 6-byte start then a space    | fc 20       |

    Examples: sequences cut short at the end of the message
      | what                           | bytes    |
      | C2 without its second byte     | c2       |
      | DF without its second byte     | df       |
      | E0 A0 without its last byte    | e0 a0    |
      | EF BF without its last byte    | ef bf    |
      | F0 90 80 without its last byte | f0 90 80 |
      | F4 8F BF without its last byte | f4 8f bf |

    Examples: valid text with an invalid sequence inside
      | what                      | bytes                                                       |
      | "κόσμε", U+D800, "edited" | ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64 |

  @rfc6455-8.1 @must
  Scenario Outline: Invalid UTF-8 in one-byte fragments fails the connection with 1007: <what>
    When "alice" sends the text bytes "<bytes>" in fragments of 1 byte
    Then "alice" should be closed by the server with code 1007
    And "alice" should have received no message

    Examples:
      | what                           | bytes                                                       |
      | "κόσμε", U+D800, "edited"      | ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64 |
      | "/" in 2 bytes                 | c0 af                                                       |
      | U+D800                         | ed a0 80                                                    |
      | U+110000                       | f4 90 80 80                                                 |
      | the byte FF                    | ff                                                          |
      | "κό" cut in its last character | ce ba e1 bd                                                 |

  @rfc6455-8.1 @must
  Scenario: A surrogate split across fragments that each look fine fails the connection with 1007
    When "alice" sends the frames:
      | fin   | opcode       | payload hex |
      | false | text         | ce          |
      | false | continuation | ba ed       |
      | true  | continuation | a0 80       |
    Then "alice" should be closed by the server with code 1007

  @rfc6455-8.1 @must
  Scenario: A text message whose last fragment ends inside a character fails the connection with 1007
    When "alice" sends the frames:
      | fin   | opcode       | payload hex |
      | false | text         | ce ba       |
      | true  | continuation | e1 bd       |
    Then "alice" should be closed by the server with code 1007

  @rfc6455-8.1 @must
  Scenario: A binary message is not checked for UTF-8
    When "alice" sends the frame:
      | opcode      | binary         |
      | payload hex | ed a0 80 c0 af |
    Then "alice" should receive the bytes "ed a0 80 c0 af"

  @rfc6455-8.1 @should @fail-fast @known-deviation-ws
  Scenario Outline: The server fails fast on invalid UTF-8 in the first fragment: <what>
    # The message is never finished: only a server that checks as the bytes arrive closes in time.
    When "alice" sends the frame:
      | fin         | false   |
      | opcode      | text    |
      | payload hex | <bytes> |
    Then "alice" should be closed by the server with code 1007 within 500 ms

    Examples:
      | what                | bytes                                     |
      | "κόσμε" then U+D800 | ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 |
      | "/" in 2 bytes      | c0 af                                     |
      | U+110000            | f4 90 80 80                               |

  @rfc6455-8.1 @should @fail-fast @known-deviation-ws
  Scenario: The server fails fast on invalid UTF-8 in the middle of a frame
    # Only the first 5 of 20 payload bytes are sent, the last 3 of them a surrogate.
    When "alice" starts a text frame of 20 bytes with the bytes "ce ba ed a0 80"
    Then "alice" should be closed by the server with code 1007 within 500 ms
