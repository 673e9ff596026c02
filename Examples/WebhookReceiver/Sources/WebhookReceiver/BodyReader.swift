import Foundation
import Hummingbird
import NIOCore
import TarlanPayments

/// Reads a request body no further than a limit.
enum BodyReader {
    static func read(_ request: Request, limit: Int) async -> Result<Data, WebhookError> {
        // A declared length over the limit is refused without reading a byte of it.
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            return .failure(.bodyTooLarge(limit: limit))
        }
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return .success(Data(buffer.readableBytesView))
        } catch is NIOTooManyBytesError {
            return .failure(.bodyTooLarge(limit: limit))
        } catch {
            return .failure(.malformedBody(reason: "the body could not be read"))
        }
    }
}
