import XCTest
import TarlanAsyncHTTPClient
import TarlanTransportTesting

/// Every case of `HostileServerSuite` (TarlanKit's TarlanTransportTesting), through `AsyncHTTPClientTransport`:
/// the same hostile-server tests TarlanKit runs against `URLSessionTransport`.
final class AsyncHTTPClientHostileServerTests: XCTestCase {
    private let suite = HostileServerSuite(.asyncHTTPClient)

    override func tearDown() {
        suite.tearDown()
        super.tearDown()
    }

    func testEveryCaseOfTheSuiteRunsHere() throws {
        XCTAssertEqual(try HostileServerSuite.casesNotRun(), [], "add a forwarding method for each")
    }

    func testHTMLErrorPageWith502() async throws { try await suite.testHTMLErrorPageWith502() }
    func testEmptyBodyWith200() async throws { try await suite.testEmptyBodyWith200() }
    func testTruncatedJSON() async throws { try await suite.testTruncatedJSON() }
    func testJSONThatIsNotAnObject() async throws { try await suite.testJSONThatIsNotAnObject() }
    func testStatusFalseOnHTTP200_400_500IsAnAPIErrorInTheOperationsFormat() async throws { try await suite.testStatusFalseOnHTTP200_400_500IsAnAPIErrorInTheOperationsFormat() }
    func testNewFormatExpectedErrorOn200() async throws { try await suite.testNewFormatExpectedErrorOn200() }
    func testWrongTypesInEveryPositionOfASeedResultAreDecodingFailuresWithTheFieldPath() async throws { try await suite.testWrongTypesInEveryPositionOfASeedResultAreDecodingFailuresWithTheFieldPath() }
    func testNullInEveryPositionOfTheSeedIsAbsence() async throws { try await suite.testNullInEveryPositionOfTheSeedIsAbsence() }
    func testUnknownEnumValuesAndExtraFieldsDecode() async throws { try await suite.testUnknownEnumValuesAndExtraFieldsDecode() }
    func testAnnouncedHugeBodyIsRefusedWithoutReadingIt() async throws { try await suite.testAnnouncedHugeBodyIsRefusedWithoutReadingIt() }
    func testStreamedHugeBodyIsAbandonedOnceOverTheLimit() async throws { try await suite.testStreamedHugeBodyIsAbandonedOnceOverTheLimit() }
    func testServerThatNeverAnswersTimesOutWithTheClientsTimeout() async throws { try await suite.testServerThatNeverAnswersTimesOutWithTheClientsTimeout() }
    func testServerThatNeverAnswersTimesOutWithTheCallsTimeout() async throws { try await suite.testServerThatNeverAnswersTimesOutWithTheCallsTimeout() }
    func testConnectionResetMidBodyIsATransportFailure() async throws { try await suite.testConnectionResetMidBodyIsATransportFailure() }
    func testBodyShorterThanItsContentLengthIsATransportFailure() async throws { try await suite.testBodyShorterThanItsContentLengthIsATransportFailure() }
    func testRedirectToAnotherHostIsNotFollowed() async throws { try await suite.testRedirectToAnotherHostIsNotFollowed() }
    func testPlainHTTPToANonLoopbackHostIsRefusedWithoutNetwork() async throws { try await suite.testPlainHTTPToANonLoopbackHostIsRefusedWithoutNetwork() }
    func testAResetAfterTheRequestWasReadIsOutcomeUnknownAndSaysHowToFindOut() async throws { try await suite.testAResetAfterTheRequestWasReadIsOutcomeUnknownAndSaysHowToFindOut() }
    func testAnAcquiringPayInResetIsReconciledByProjectReference() async throws { try await suite.testAnAcquiringPayInResetIsReconciledByProjectReference() }
    func testARefusedConnectionWasNotSent() async throws { try await suite.testARefusedConnectionWasNotSent() }
    func testAnswersWithoutTheEnvelopeAreUnknownUnlessTheyRefuse() async throws { try await suite.testAnswersWithoutTheEnvelopeAreUnknownUnlessTheyRefuse() }
    func testAmountsAFloat64CannotCarryAreRefusedBeforeAnythingIsSent() async throws { try await suite.testAmountsAFloat64CannotCarryAreRefusedBeforeAnythingIsSent() }
    func testAmountsTravelExactly() async throws { try await suite.testAmountsTravelExactly() }
    func testATricklingServerEndsAtTheDeadline() async throws { try await suite.testATricklingServerEndsAtTheDeadline() }
    func testAMoneyMovingCallIsNeverRetried() async throws { try await suite.testAMoneyMovingCallIsNeverRetried() }
    func testConfirmInvoicePOSTRoundTrip() async throws { try await suite.testConfirmInvoicePOSTRoundTrip() }
    func testWrongSecretIsRejectedByTheServer() async throws { try await suite.testWrongSecretIsRejectedByTheServer() }
    func testGetTransactionStatusRoundTrip() async throws { try await suite.testGetTransactionStatusRoundTrip() }
    func testHTMLBadGatewayFromARealServer() async throws { try await suite.testHTMLBadGatewayFromARealServer() }
    func testResponseHeadersReachTheTransportCaller() async throws { try await suite.testResponseHeadersReachTheTransportCaller() }
    func testRedirectIsNotFollowed() async throws { try await suite.testRedirectIsNotFollowed() }
    func testOversizedResponseIsAbandoned() async throws { try await suite.testOversizedResponseIsAbandoned() }
    func testServerThatNeverAnswersTimesOut() async throws { try await suite.testServerThatNeverAnswersTimesOut() }
    func testConnectionRefusedIsATransportError() async throws { try await suite.testConnectionRefusedIsATransportError() }
    func testCancellingARealRequestThrowsCancellationError() async throws { try await suite.testCancellingARealRequestThrowsCancellationError() }
}
