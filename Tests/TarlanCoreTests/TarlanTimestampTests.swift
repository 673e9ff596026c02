import Foundation
import XCTest

@testable import TarlanCore
import TarlanTestSupport

final class TarlanTimestampTests: XCTestCase {
    func testParsesTheDocumentedForms() throws {
        // B8's created_at: a five-digit fraction in UTC.
        let fraction = try XCTUnwrap(TarlanTimestamp("2023-10-04T10:05:02.93843Z").date)
        XCTAssertEqual(fraction.timeIntervalSince1970, 1_696_413_902.93843, accuracy: 0.000_001)
        // A1's in_date: an offset.
        let offset = try XCTUnwrap(TarlanTimestamp("2024-08-02T12:24:07+05:00").date)
        XCTAssertEqual(offset.timeIntervalSince1970, 1_722_583_447)
        // TV-A1's datetime.
        XCTAssertEqual(TarlanTimestamp("2022-12-01T15:45:00Z").date?.timeIntervalSince1970, 1_669_909_500)
        XCTAssertEqual(TarlanTimestamp("1969-12-31T23:59:59-00:30").date?.timeIntervalSince1970, 1799)
        XCTAssertEqual(TarlanTimestamp("2000-02-29T00:00:00Z").date?.timeIntervalSince1970, 951_782_400)
    }

    func testKeepsTextThatIsNotADateTime() throws {
        for text in ["fugiat sed", "", "2023-10-04", "2023-10-04T10:05:02", "2023-13-01T00:00:00Z", "2023-02-30T00:00:00Z",
                     "2023-10-04T25:00:00Z", "2023-10-04T10:05:02.Z", "2023-10-04T10:05:02+5:00", "2023-10-04T10:05:02Zjunk"]
        {
            let timestamp = TarlanTimestamp(text)
            XCTAssertNil(timestamp.date, text)
            XCTAssertEqual(timestamp.rawValue, text)
        }
    }

    func testRoundTripsTheExactText() throws {
        let text = #"["2023-10-04T10:05:02.93843Z","fugiat sed"]"#
        let decoded = try JSONDecoder().decode([TarlanTimestamp].self, from: Data(text.utf8))
        XCTAssertEqual(decoded.map(\.rawValue), ["2023-10-04T10:05:02.93843Z", "fugiat sed"])
        XCTAssertEqual(String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self), text)
    }

    func testFormatsADateAsUTCWholeSeconds() {
        XCTAssertEqual(TarlanTimestamp(Date(timeIntervalSince1970: 1_669_909_500.75))?.rawValue, "2022-12-01T15:45:00Z")
        XCTAssertEqual(TarlanTimestamp(Date(timeIntervalSince1970: -1))?.rawValue, "1969-12-31T23:59:59Z")
        XCTAssertEqual(TarlanTimestamp(Date(timeIntervalSince1970: -62_167_219_200))?.rawValue, "0000-01-01T00:00:00Z")
        XCTAssertEqual(TarlanTimestamp(Date(timeIntervalSince1970: 253_402_300_799))?.rawValue, "9999-12-31T23:59:59Z")
        // RFC 3339 has four-digit years: nothing to write for these.
        XCTAssertNil(TarlanTimestamp(Date(timeIntervalSince1970: 253_402_300_800)))
        XCTAssertNil(TarlanTimestamp(Date(timeIntervalSince1970: -62_167_219_201)))
        XCTAssertNil(TarlanTimestamp(Date.distantFuture.addingTimeInterval(1e300)))
        for seconds in stride(from: -86_400.0 * 800, to: 86_400.0 * 40_000, by: 86_400.0 * 37 + 3_671) {
            let date = Date(timeIntervalSince1970: seconds)
            XCTAssertEqual(TarlanTimestamp(date)?.date, date, "\(seconds)")
        }
    }
}
