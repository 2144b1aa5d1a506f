@conformance
Feature: Close handling
  RFC 6455 sections 5.5.1, 7.1 and 7.4: a server answers a close frame with a close frame, normally
  echoing the status code, ignores data that follows a close, refuses close payloads that are too
  short, carry a code that may not be sent, or a reason that is not UTF-8, and closes TCP first once
  the closing handshake is done. (Autobahn|Testsuite category 7.)

  Background:
    Given "alice" is connected

  @rfc6455-5.5.1 @must
  Scenario: A close with code 1000 and a reason is answered
    When "alice" closes with code 1000 and reason "bye"
    Then "alice" should be closed cleanly with code 1000

  @rfc6455-5.5.1 @must
  Scenario: A close frame without a payload is answered
    When "alice" sends the frame:
      | opcode | close |
    Then "alice" should be closed cleanly

  # The answer "typically echos the status code it received" (RFC 6455 5.5.1); an empty close has none.
  @rfc6455-5.5.1 @should
  Scenario: A close frame without a payload is answered without a code or with 1000
    When "alice" sends the frame:
      | opcode | close |
    Then "alice" should be closed cleanly with code 1000 or without a code

  @rfc6455-5.5.1 @must
  Scenario Outline: A close with the valid code <code> is answered with a close frame
    When "alice" closes with code <code>
    Then "alice" should be closed cleanly

    Examples: codes defined by RFC 6455 7.4.1
      | code |
      | 1000 |
      | 1001 |
      | 1002 |
      | 1003 |
      | 1007 |
      | 1008 |
      | 1009 |
      | 1010 |
      | 1011 |

    Examples: codes for libraries, frameworks and applications (7.4.2)
      | code |
      | 3000 |
      | 3999 |
      | 4000 |
      | 4999 |

  # RFC 6455 5.5.1: the answering endpoint "typically echos the status code it received".
  @rfc6455-5.5.1 @should
  Scenario Outline: A close with the valid code <code> is answered with the same code
    When "alice" closes with code <code>
    Then "alice" should be closed cleanly with code <code>

    Examples: codes defined by RFC 6455 7.4.1
      | code |
      | 1000 |
      | 1001 |
      | 1002 |
      | 1003 |
      | 1007 |
      | 1008 |
      | 1009 |
      | 1010 |
      | 1011 |

    Examples: codes registered with IANA after RFC 6455
      | code |
      | 1012 |
      | 1013 |
      | 1014 |

    Examples: codes for libraries, frameworks and applications (7.4.2)
      | code |
      | 3000 |
      | 3999 |
      | 4000 |
      | 4999 |

  @rfc6455-7.4 @must
  Scenario Outline: A close with the invalid code <code> fails the connection with 1002
    When "alice" sends a close frame with code <code>
    Then the server should fail the connection of "alice" with code 1002

    Examples:
      | code  |
      | 0     |
      | 999   |
      | 1004  |
      | 1005  |
      | 1006  |
      | 1015  |
      | 1016  |
      | 1100  |
      | 2000  |
      | 2999  |

  # RFC 6455 7.4 defines no code above 4999 and leaves open what a server does with one (Autobahn 7.13).
  @rfc6455-7.4.2 @informational
  Scenario Outline: The answer to a close with the code <code>, which no range defines, is reported
    When "alice" sends a close frame with code <code>
    Then the outcome for "alice" is reported

    Examples:
      | code  |
      | 5000  |
      | 65535 |

  @rfc6455-5.5.1 @must
  Scenario: A close payload of 1 byte fails the connection with 1002
    When "alice" sends the frame:
      | opcode      | close |
      | payload hex | 03    |
    Then the server should fail the connection of "alice" with code 1002

  @rfc6455-5.5.1 @must
  Scenario: A close with a reason of 123 bytes, the most that fits, is answered
    When "alice" sends a close frame with code 1000 and a reason of 123 bytes
    Then "alice" should be closed cleanly with code 1000

  @rfc6455-5.5 @must
  Scenario: A close with a reason of 124 bytes, too long for a control frame, fails the connection with 1002
    When "alice" sends a close frame with code 1000 and a reason of 124 bytes
    Then the server should fail the connection of "alice" with code 1002

  @rfc6455-5.5.1 @must
  Scenario: A close with a UTF-8 reason is answered
    When "alice" closes with code 1000 and reason "κόσμε"
    Then "alice" should be closed cleanly with code 1000

  @rfc6455-8.1 @must
  Scenario: A close reason that is not UTF-8 fails the connection with 1007
    When "alice" sends a close frame with code 1000 and the reason bytes "ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64"
    Then the server should fail the connection of "alice" with code 1007 or 1002

  @rfc6455-5.5 @must
  Scenario: A fragmented close frame fails the connection with 1002
    When "alice" sends the frame:
      | fin         | false |
      | opcode      | close |
      | payload hex | 03 e8 |
    Then the server should fail the connection of "alice" with code 1002

  # RFC 6455 5.5.1 lets an endpoint answer a close "as soon as practical", before an echo it has not
  # written yet: whether the echo comes first depends on the server's own timing, so it is reported
  # (as Autobahn's 7.1.6 does); that the close is answered is the MUST of the other cases.
  @rfc6455-5.5.1 @informational
  Scenario: A message sent right before the close: whether it is echoed before the close is answered is reported
    When "alice" sends "last words"
    And "alice" closes with code 1000
    Then the outcome for "alice" is reported

  @rfc6455-5.5.1 @must
  Scenario: A text frame after the close frame is not echoed
    When "alice" sends the frames:
      | opcode | close code | payload       |
      | close  | 1000       |               |
      | text   |            | after closing |
    Then "alice" should be closed cleanly with code 1000
    And "alice" should have received no message

  @rfc6455-5.5.1 @must
  Scenario: A second close frame is ignored
    When "alice" sends the frames:
      | opcode | close code |
      | close  | 1000       |
      | close  | 1001       |
    Then "alice" should be closed cleanly with code 1000

  @rfc6455-5.5.1 @should
  Scenario: A ping after the close frame is not answered
    When "alice" sends the frames:
      | opcode | close code | payload       |
      | close  | 1000       |               |
      | ping   |            | after closing |
    Then "alice" should be closed cleanly with code 1000
    And "alice" should have received no pong

  @rfc6455-5.5.1 @must
  Scenario: A close between the fragments of a message ends it: the message is never echoed
    When "alice" sends the frames:
      | fin   | opcode       | close code | payload |
      | false | text         |            | frag    |
      | true  | close        | 1000       |         |
      | true  | continuation |            | mented  |
    Then "alice" should be closed cleanly with code 1000
    And "alice" should have received no message

  @rfc6455-5.5.1 @informational
  Scenario Outline: A message of <size> followed at once by a close and a ping: what comes first is reported
    When "alice" sends a binary message of <size>
    And "alice" sends the frames:
      | opcode | close code |
      | close  | 1000       |
      | ping   |            |
    Then the outcome for "alice" is reported

    Examples:
      | size       |
      | 4000 bytes |
      | 256 KiB    |

  @rfc6455-7.1.1 @should
  Scenario: The server closes TCP first once the closing handshake is done
    When "alice" closes with code 1000
    Then the server should close the TCP connection of "alice" within 1 second

  @rfc6455-7.1.1 @should
  Scenario: The server closes TCP first after failing the connection
    When "alice" sends the frame:
      | opcode | 3 |
    Then the server should fail the connection of "alice" with code 1002
    And the server should close the TCP connection of "alice" within 1 second
