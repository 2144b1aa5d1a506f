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

    Examples: Unicode specials (Autobahn 6.23)
      | what                                | bytes    |
      | U+FFF9, interlinear annotation      | ef bf b9 |
      | U+FFFA, interlinear separator       | ef bf ba |
      | U+FFFB, interlinear terminator      | ef bf bb |
      | U+FFFC, object replacement char     | ef bf bc |

    Examples: more noncharacters, which are valid UTF-8 and must be accepted (Autobahn 6.22)
      | what                    | bytes       |
      | U+FDD1, a noncharacter  | ef b7 91    |
      | U+FDD2, a noncharacter  | ef b7 92    |
      | U+FDD3, a noncharacter  | ef b7 93    |
      | U+FDD4, a noncharacter  | ef b7 94    |
      | U+FDD5, a noncharacter  | ef b7 95    |
      | U+FDD6, a noncharacter  | ef b7 96    |
      | U+FDD7, a noncharacter  | ef b7 97    |
      | U+FDD8, a noncharacter  | ef b7 98    |
      | U+FDD9, a noncharacter  | ef b7 99    |
      | U+FDDA, a noncharacter  | ef b7 9a    |
      | U+FDDB, a noncharacter  | ef b7 9b    |
      | U+FDDC, a noncharacter  | ef b7 9c    |
      | U+FDDD, a noncharacter  | ef b7 9d    |
      | U+FDDE, a noncharacter  | ef b7 9e    |
      | U+FDDF, a noncharacter  | ef b7 9f    |
      | U+FDE0, a noncharacter  | ef b7 a0    |
      | U+FDE1, a noncharacter  | ef b7 a1    |
      | U+FDE2, a noncharacter  | ef b7 a2    |
      | U+FDE3, a noncharacter  | ef b7 a3    |
      | U+FDE4, a noncharacter  | ef b7 a4    |
      | U+FDE5, a noncharacter  | ef b7 a5    |
      | U+FDE6, a noncharacter  | ef b7 a6    |
      | U+FDE7, a noncharacter  | ef b7 a7    |
      | U+FDE8, a noncharacter  | ef b7 a8    |
      | U+FDE9, a noncharacter  | ef b7 a9    |
      | U+FDEA, a noncharacter  | ef b7 aa    |
      | U+FDEB, a noncharacter  | ef b7 ab    |
      | U+FDEC, a noncharacter  | ef b7 ac    |
      | U+FDED, a noncharacter  | ef b7 ad    |
      | U+FDEE, a noncharacter  | ef b7 ae    |
      | U+FDEF, a noncharacter  | ef b7 af    |
      | U+1FFFE, a noncharacter | f0 9f bf be |
      | U+1FFFF, a noncharacter | f0 9f bf bf |
      | U+2FFFE, a noncharacter | f0 af bf be |
      | U+2FFFF, a noncharacter | f0 af bf bf |
      | U+3FFFE, a noncharacter | f0 bf bf be |
      | U+3FFFF, a noncharacter | f0 bf bf bf |
      | U+4FFFE, a noncharacter | f1 8f bf be |
      | U+4FFFF, a noncharacter | f1 8f bf bf |
      | U+5FFFE, a noncharacter | f1 9f bf be |
      | U+5FFFF, a noncharacter | f1 9f bf bf |
      | U+6FFFE, a noncharacter | f1 af bf be |
      | U+6FFFF, a noncharacter | f1 af bf bf |
      | U+7FFFE, a noncharacter | f1 bf bf be |
      | U+7FFFF, a noncharacter | f1 bf bf bf |
      | U+8FFFE, a noncharacter | f2 8f bf be |
      | U+8FFFF, a noncharacter | f2 8f bf bf |
      | U+9FFFE, a noncharacter | f2 9f bf be |
      | U+9FFFF, a noncharacter | f2 9f bf bf |
      | U+AFFFE, a noncharacter | f2 af bf be |
      | U+AFFFF, a noncharacter | f2 af bf bf |
      | U+BFFFE, a noncharacter | f2 bf bf be |
      | U+BFFFF, a noncharacter | f2 bf bf bf |
      | U+CFFFE, a noncharacter | f3 8f bf be |
      | U+CFFFF, a noncharacter | f3 8f bf bf |
      | U+DFFFE, a noncharacter | f3 9f bf be |
      | U+DFFFF, a noncharacter | f3 9f bf bf |
      | U+EFFFE, a noncharacter | f3 af bf be |
      | U+EFFFF, a noncharacter | f3 af bf bf |
      | U+FFFFE, a noncharacter | f3 bf bf be |
      | U+FFFFF, a noncharacter | f3 bf bf bf |

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
    Then the server should fail the connection of "alice" with code 1007
    And "alice" should have received no message

    Examples: overlong encodings
      | what                 | bytes             |
      | "/" in 2 bytes       | c0 af             |
      | "/" in 3 bytes       | e0 80 af          |
      | "/" in 4 bytes       | f0 80 80 af       |
      | "/" in 5 bytes       | f8 80 80 80 af    |
      | "/" in 6 bytes       | fc 80 80 80 80 af |
      | U+007F in 2 bytes    | c1 bf             |
      | U+07FF in 3 bytes    | e0 9f bf          |
      | U+FFFF in 4 bytes    | f0 8f bf bf       |
      | U+1FFFFF in 5 bytes  | f8 87 bf bf bf    |
      | U+3FFFFFF in 6 bytes | fc 83 bf bf bf bf |
      | U+0000 in 2 bytes    | c0 80             |
      | U+0000 in 3 bytes    | e0 80 80          |
      | U+0000 in 4 bytes    | f0 80 80 80       |
      | U+0000 in 5 bytes    | f8 80 80 80 80    |
      | U+0000 in 6 bytes    | fc 80 80 80 80 80 |

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
      | the pair U+DB7F U+DC00 | ed ad bf ed b0 80 |
      | the pair U+DB7F U+DFFF | ed ad bf ed bf bf |
      | the pair U+DB80 U+DC00 | ed ae 80 ed b0 80 |
      | the pair U+DB80 U+DFFF | ed ae 80 ed bf bf |
      | the pair U+D800 U+DFFF | ed a0 80 ed bf bf |
      | the pair U+DBFF U+DC00 | ed af bf ed b0 80 |

    Examples: code points above U+10FFFF
      | what                  | bytes             |
      | U+110000              | f4 90 80 80       |
      | U+1FFFFF              | f7 bf bf bf       |
      | U+200000 in 5 bytes   | f8 88 80 80 80    |
      | U+3FFFFFF in 5 bytes  | fb bf bf bf bf    |
      | U+4000000 in 6 bytes  | fc 84 80 80 80 80 |
      | U+7FFFFFFF in 6 bytes | fd bf bf bf bf bf |

    Examples: bytes that never occur
      | what        | bytes       |
      | the byte FE | fe          |
      | the byte FF | ff          |
      | FE FE FF FF | fe fe ff ff |

    Examples: every lone continuation byte (Autobahn 6.12)
      | what                          | bytes |
      | the lone continuation byte 80 | 80    |
      | the lone continuation byte 81 | 81    |
      | the lone continuation byte 82 | 82    |
      | the lone continuation byte 83 | 83    |
      | the lone continuation byte 84 | 84    |
      | the lone continuation byte 85 | 85    |
      | the lone continuation byte 86 | 86    |
      | the lone continuation byte 87 | 87    |
      | the lone continuation byte 88 | 88    |
      | the lone continuation byte 89 | 89    |
      | the lone continuation byte 8A | 8a    |
      | the lone continuation byte 8B | 8b    |
      | the lone continuation byte 8C | 8c    |
      | the lone continuation byte 8D | 8d    |
      | the lone continuation byte 8E | 8e    |
      | the lone continuation byte 8F | 8f    |
      | the lone continuation byte 90 | 90    |
      | the lone continuation byte 91 | 91    |
      | the lone continuation byte 92 | 92    |
      | the lone continuation byte 93 | 93    |
      | the lone continuation byte 94 | 94    |
      | the lone continuation byte 95 | 95    |
      | the lone continuation byte 96 | 96    |
      | the lone continuation byte 97 | 97    |
      | the lone continuation byte 98 | 98    |
      | the lone continuation byte 99 | 99    |
      | the lone continuation byte 9A | 9a    |
      | the lone continuation byte 9B | 9b    |
      | the lone continuation byte 9C | 9c    |
      | the lone continuation byte 9D | 9d    |
      | the lone continuation byte 9E | 9e    |
      | the lone continuation byte 9F | 9f    |
      | the lone continuation byte A0 | a0    |
      | the lone continuation byte A1 | a1    |
      | the lone continuation byte A2 | a2    |
      | the lone continuation byte A3 | a3    |
      | the lone continuation byte A4 | a4    |
      | the lone continuation byte A5 | a5    |
      | the lone continuation byte A6 | a6    |
      | the lone continuation byte A7 | a7    |
      | the lone continuation byte A8 | a8    |
      | the lone continuation byte A9 | a9    |
      | the lone continuation byte AA | aa    |
      | the lone continuation byte AB | ab    |
      | the lone continuation byte AC | ac    |
      | the lone continuation byte AD | ad    |
      | the lone continuation byte AE | ae    |
      | the lone continuation byte AF | af    |
      | the lone continuation byte B0 | b0    |
      | the lone continuation byte B1 | b1    |
      | the lone continuation byte B2 | b2    |
      | the lone continuation byte B3 | b3    |
      | the lone continuation byte B4 | b4    |
      | the lone continuation byte B5 | b5    |
      | the lone continuation byte B6 | b6    |
      | the lone continuation byte B7 | b7    |
      | the lone continuation byte B8 | b8    |
      | the lone continuation byte B9 | b9    |
      | the lone continuation byte BA | ba    |
      | the lone continuation byte BB | bb    |
      | the lone continuation byte BC | bc    |
      | the lone continuation byte BD | bd    |
      | the lone continuation byte BE | be    |
      | the lone continuation byte BF | bf    |

    Examples: runs of continuation bytes (Autobahn 6.12)
      | what                      | bytes                                                                                                                                                                                           |
      | 2 continuation bytes      | 80 bf                                                                                                                                                                                           |
      | 3 continuation bytes      | 80 bf 80                                                                                                                                                                                        |
      | 4 continuation bytes      | 80 bf 80 bf                                                                                                                                                                                     |
      | 5 continuation bytes      | 80 bf 80 bf 80                                                                                                                                                                                  |
      | 6 continuation bytes      | 80 bf 80 bf 80 bf                                                                                                                                                                               |
      | 7 continuation bytes      | 80 bf 80 bf 80 bf 80                                                                                                                                                                            |
      | all 64 continuation bytes | 80 81 82 83 84 85 86 87 88 89 8a 8b 8c 8d 8e 8f 90 91 92 93 94 95 96 97 98 99 9a 9b 9c 9d 9e 9f a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab ac ad ae af b0 b1 b2 b3 b4 b5 b6 b7 b8 b9 ba bb bc bd be bf |

    Examples: every lone start byte followed by a space (Autobahn 6.13)
      | what                             | bytes |
      | the 2-byte start C0 then a space | c0 20 |
      | the 2-byte start C1 then a space | c1 20 |
      | the 2-byte start C2 then a space | c2 20 |
      | the 2-byte start C3 then a space | c3 20 |
      | the 2-byte start C4 then a space | c4 20 |
      | the 2-byte start C5 then a space | c5 20 |
      | the 2-byte start C6 then a space | c6 20 |
      | the 2-byte start C7 then a space | c7 20 |
      | the 2-byte start C8 then a space | c8 20 |
      | the 2-byte start C9 then a space | c9 20 |
      | the 2-byte start CA then a space | ca 20 |
      | the 2-byte start CB then a space | cb 20 |
      | the 2-byte start CC then a space | cc 20 |
      | the 2-byte start CD then a space | cd 20 |
      | the 2-byte start CE then a space | ce 20 |
      | the 2-byte start CF then a space | cf 20 |
      | the 2-byte start D0 then a space | d0 20 |
      | the 2-byte start D1 then a space | d1 20 |
      | the 2-byte start D2 then a space | d2 20 |
      | the 2-byte start D3 then a space | d3 20 |
      | the 2-byte start D4 then a space | d4 20 |
      | the 2-byte start D5 then a space | d5 20 |
      | the 2-byte start D6 then a space | d6 20 |
      | the 2-byte start D7 then a space | d7 20 |
      | the 2-byte start D8 then a space | d8 20 |
      | the 2-byte start D9 then a space | d9 20 |
      | the 2-byte start DA then a space | da 20 |
      | the 2-byte start DB then a space | db 20 |
      | the 2-byte start DC then a space | dc 20 |
      | the 2-byte start DD then a space | dd 20 |
      | the 2-byte start DE then a space | de 20 |
      | the 2-byte start DF then a space | df 20 |
      | the 3-byte start E0 then a space | e0 20 |
      | the 3-byte start E1 then a space | e1 20 |
      | the 3-byte start E2 then a space | e2 20 |
      | the 3-byte start E3 then a space | e3 20 |
      | the 3-byte start E4 then a space | e4 20 |
      | the 3-byte start E5 then a space | e5 20 |
      | the 3-byte start E6 then a space | e6 20 |
      | the 3-byte start E7 then a space | e7 20 |
      | the 3-byte start E8 then a space | e8 20 |
      | the 3-byte start E9 then a space | e9 20 |
      | the 3-byte start EA then a space | ea 20 |
      | the 3-byte start EB then a space | eb 20 |
      | the 3-byte start EC then a space | ec 20 |
      | the 3-byte start ED then a space | ed 20 |
      | the 3-byte start EE then a space | ee 20 |
      | the 3-byte start EF then a space | ef 20 |
      | the 4-byte start F0 then a space | f0 20 |
      | the 4-byte start F1 then a space | f1 20 |
      | the 4-byte start F2 then a space | f2 20 |
      | the 4-byte start F3 then a space | f3 20 |
      | the 4-byte start F4 then a space | f4 20 |
      | the 4-byte start F5 then a space | f5 20 |
      | the 4-byte start F6 then a space | f6 20 |
      | the 4-byte start F7 then a space | f7 20 |
      | the 5-byte start F8 then a space | f8 20 |
      | the 5-byte start F9 then a space | f9 20 |
      | the 5-byte start FA then a space | fa 20 |
      | the 5-byte start FB then a space | fb 20 |
      | the 6-byte start FC then a space | fc 20 |
      | the 6-byte start FD then a space | fd 20 |

    Examples: all the start bytes of a length in one message, each followed by a space (Autobahn 6.13)
      | what                                    | bytes                                                                                                                                                                                           |
      | all 32 2-byte starts, each then a space | c0 20 c1 20 c2 20 c3 20 c4 20 c5 20 c6 20 c7 20 c8 20 c9 20 ca 20 cb 20 cc 20 cd 20 ce 20 cf 20 d0 20 d1 20 d2 20 d3 20 d4 20 d5 20 d6 20 d7 20 d8 20 d9 20 da 20 db 20 dc 20 dd 20 de 20 df 20 |
      | all 16 3-byte starts, each then a space | e0 20 e1 20 e2 20 e3 20 e4 20 e5 20 e6 20 e7 20 e8 20 e9 20 ea 20 eb 20 ec 20 ed 20 ee 20 ef 20                                                                                                 |
      | all 8 4-byte starts, each then a space  | f0 20 f1 20 f2 20 f3 20 f4 20 f5 20 f6 20 f7 20                                                                                                                                                 |
      | all 4 5-byte starts, each then a space  | f8 20 f9 20 fa 20 fb 20                                                                                                                                                                         |
      | all 2 6-byte starts, each then a space  | fc 20 fd 20                                                                                                                                                                                     |

    Examples: sequences cut short at the end of the message
      | what                           | bytes    |
      | C2 without its second byte     | c2       |
      | DF without its second byte     | df       |
      | E0 A0 without its last byte    | e0 a0    |
      | EF BF without its last byte    | ef bf    |
      | F0 90 80 without its last byte | f0 90 80 |
      | F4 8F BF without its last byte | f4 8f bf |

    Examples: incomplete sequences (Autobahn 6.14)
      | what                                 | bytes          |
      | C0 without its last byte             | c0             |
      | E0 80 without its last byte          | e0 80          |
      | F0 80 80 without its last byte       | f0 80 80       |
      | F8 80 80 80 without its last byte    | f8 80 80 80    |
      | FC 80 80 80 80 without its last byte | fc 80 80 80 80 |
      | F7 BF BF without its last byte       | f7 bf bf       |
      | FB BF BF BF without its last byte    | fb bf bf bf    |
      | FD BF BF BF BF without its last byte | fd bf bf bf bf |

    Examples: the ten incomplete sequences of Autobahn 6.14 one after another (Autobahn 6.15)
      | what                 | bytes                                                                                     |
      | all ten concatenated | c0 e0 80 f0 80 80 f8 80 80 80 fc 80 80 80 80 df ef bf f7 bf bf fb bf bf bf fd bf bf bf bf |

    Examples: valid text with an invalid sequence inside
      | what                      | bytes                                                       |
      | "κόσμε", U+D800, "edited" | ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64 |

  @rfc6455-8.1 @must
  Scenario Outline: Invalid UTF-8 in one-byte fragments fails the connection with 1007: <what>
    When "alice" sends the text bytes "<bytes>" in fragments of 1 byte
    Then the server should fail the connection of "alice" with code 1007
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
    Then the server should fail the connection of "alice" with code 1007

  @rfc6455-8.1 @must
  Scenario: A text message whose last fragment ends inside a character fails the connection with 1007
    When "alice" sends the frames:
      | fin   | opcode       | payload hex |
      | false | text         | ce ba       |
      | true  | continuation | e1 bd       |
    Then the server should fail the connection of "alice" with code 1007

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
    Then the server should fail the connection of "alice" with code 1007 within 500 ms

    Examples:
      | what                | bytes                                     |
      | "κόσμε" then U+D800 | ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 |
      | "/" in 2 bytes      | c0 af                                     |
      | U+110000            | f4 90 80 80                               |

  @rfc6455-8.1 @should @fail-fast @known-deviation-ws
  Scenario: The server fails fast on invalid UTF-8 in the middle of a frame
    # Only the first 5 of 20 payload bytes are sent, the last 3 of them a surrogate.
    When "alice" starts a text frame of 20 bytes with the bytes "ce ba ed a0 80"
    Then the server should fail the connection of "alice" with code 1007 within 500 ms

  @rfc6455-8.1 @should @fail-fast @known-deviation-ws
  Scenario Outline: The server fails fast on invalid UTF-8 in a later fragment: <what>
    # The first fragment is valid (or a valid start); the message is never finished.
    When "alice" sends the frames:
      | fin   | opcode       | payload hex |
      | false | text         | <first>     |
      | false | continuation | <second>    |
    Then the server should fail the connection of "alice" with code 1007 within 500 ms

    Examples:
      | what                                  | first                               | second      |
      | U+110000 after "κόσμε" (Autobahn 6.4.1) | ce ba e1 bd b9 cf 83 ce bc ce b5    | f4 90 80 80 |
      | F4, then 90 in the next fragment (6.4.2) | ce ba e1 bd b9 cf 83 ce bc ce b5 f4 | 90          |

  @rfc6455-8.1 @should @fail-fast @known-deviation-ws
  Scenario Outline: The server fails fast on invalid UTF-8 in the middle of a frame: <what>
    # The frame announces 21 bytes ("κόσμε", 4 bytes, "edited"); only the first bytes are sent.
    When "alice" starts a text frame of 21 bytes with the bytes "<bytes>"
    Then the server should fail the connection of "alice" with code 1007 within 500 ms

    Examples:
      | what                                      | bytes                                        |
      | U+110000 after "κόσμε" (Autobahn 6.4.3)   | ce ba e1 bd b9 cf 83 ce bc ce b5 f4 90 80 80 |
      | F4 90, invalid from its second byte (6.4.4) | ce ba e1 bd b9 cf 83 ce bc ce b5 f4 90       |
