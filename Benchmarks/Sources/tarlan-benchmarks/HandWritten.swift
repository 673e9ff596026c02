import Foundation
import TarlanPayments

/// The baseline: what one would write by hand for the four seed operations without the
/// generator. Plain synthesized `Codable` structs, Foundation's `JSONEncoder` (sorted keys, `/`
/// unescaped) and `JSONDecoder`, and the same signing primitive (SHA-256 of base64(body) +
/// secret, lowercase hex) over the encoded bytes. No canonical-JSON pass, no aliases, no lenient
/// scalars, no open enums, no error-format detection beyond `status: false`: only the work the
/// call needs when everything goes right.
enum HandWritten {
    struct Envelope<Result: Decodable>: Decodable {
        var status: Bool?
        var statusCode: Int?
        var message: String?
        var result: Result?

        enum CodingKeys: String, CodingKey {
            case status, message, result
            case statusCode = "status_code"
        }
    }

    struct CheckBalanceRequest: Codable {
        var agent: String
    }

    struct CheckBalanceResult: Codable {
        var balance: Double?
        var showcaseCode: String?

        enum CodingKeys: String, CodingKey {
            case balance
            case showcaseCode = "showcase_code"
        }
    }

    struct ConfirmInvoiceRequest: Codable {
        var agent: String
        var confirmCode: String?
        var externalID: String

        enum CodingKeys: String, CodingKey {
            case agent
            case confirmCode = "confirm_code"
            case externalID = "external_id"
        }
    }

    struct ConfirmInvoiceResult: Codable {
        var externalID: String?
        var isSuccess: Bool?
        var message: String?
        var otpStatus: Bool?
        var transactionStatusID: String?

        enum CodingKeys: String, CodingKey {
            case externalID = "external_id"
            case isSuccess = "is_success"
            case message
            case otpStatus = "otp_status"
            case transactionStatusID = "transaction_status_id"
        }
    }

    struct CreatePaymentLinkRequest: Codable {
        var agent: String
        var amount: Int
        var referHost: String
        var returnURL: String?
        var service: String
        var username: String

        enum CodingKeys: String, CodingKey {
            case agent, amount, service, username
            case referHost = "refer_host"
            case returnURL = "return_url"
        }
    }

    struct PaymentLinkResult: Codable {
        var code: Int?
        var message: String?
        var qrCodeImage: String?
        var redirectURL: String?

        enum CodingKeys: String, CodingKey {
            case code, message
            case qrCodeImage = "qr_code_image"
            case redirectURL = "redirect_url"
        }
    }

    struct TransactionStatusQuery: Codable {
        var merchantID: Int
        var projectID: Int
        var projectReferenceID: String
        var type: String

        enum CodingKeys: String, CodingKey {
            case merchantID = "merchant_id"
            case projectID = "project_id"
            case projectReferenceID = "project_reference_id"
            case type
        }

        /// Hand-written query parameters, sorted by name.
        var queryItems: [(String, String)] {
            [
                ("merchant_id", String(merchantID)), ("project_id", String(projectID)),
                ("project_reference_id", projectReferenceID), ("type", type),
            ]
        }
    }

    struct CodeAndName: Codable {
        var code: String?
        var name: String?
    }

    struct Refund: Codable {
        var amount: Double?
        var date: String?
    }

    struct TransactionStatusResult: Codable {
        var additionalData: [String: String]?
        var amount: Double?
        var bankCode: String?
        var bankMessage: String?
        var bankReferenceID: String?
        var cardToken: String?
        var createdAt: String?
        var description: String?
        var id: Int?
        var maskedPAN: String?
        var refunds: [Refund]?
        var transactionStatus: CodeAndName?
        var transactionType: CodeAndName?
        var userEmail: String?
        var userPhone: String?

        enum CodingKeys: String, CodingKey {
            case additionalData = "additional_data"
            case amount
            case bankCode = "bank_code"
            case bankMessage = "bank_message"
            case bankReferenceID = "bank_reference_id"
            case cardToken = "card_token"
            case createdAt = "created_at"
            case description, id
            case maskedPAN = "masked_pan"
            case refunds
            case transactionStatus = "transaction_status"
            case transactionType = "transaction_type"
            case userEmail = "user_email"
            case userPhone = "user_phone"
        }
    }

    struct Failure: Error {
        var reason: String
    }

    /// A hand-written client: one stored encoder and decoder, signing inline.
    struct Client: @unchecked Sendable {
        let baseURL: String
        let secret: String
        let headerName: String
        let valuePrefix: String
        let transport: any HTTPTransport
        let encoder: JSONEncoder
        let decoder = JSONDecoder()

        init(baseURL: String, secret: String, headerName: String, valuePrefix: String, transport: any HTTPTransport) {
            self.baseURL = baseURL
            self.secret = secret
            self.headerName = headerName
            self.valuePrefix = valuePrefix
            self.transport = transport
            encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        }

        /// The same identity the SDK sends, so both sides send the same bytes.
        static let userAgent = TarlanKit.userAgent

        func sign(_ body: Data) -> String {
            TarlanSHA256.hex(TarlanSHA256.hash(Array(body.base64EncodedString().utf8) + Array(secret.utf8)))
        }

        func buildPOST<Request: Encodable>(_ path: String, _ request: Request) throws -> HTTPRequest {
            let body = try encoder.encode(request)
            var headers: HTTPHeaders = [
                "Accept": "application/json", "Content-Type": "application/json", "User-Agent": Self.userAgent,
            ]
            headers[headerName] = valuePrefix + sign(body)
            return HTTPRequest(method: .post, url: URL(string: baseURL + path)!, headers: headers, body: body)
        }

        func buildGET(_ path: String, _ query: TransactionStatusQuery) throws -> HTTPRequest {
            let signed = try encoder.encode(query)
            var headers: HTTPHeaders = ["Accept": "application/json", "User-Agent": Self.userAgent]
            headers[headerName] = valuePrefix + sign(signed)
            let queryString = query.queryItems.map { Self.escape($0.0) + "=" + Self.escape($0.1) }.joined(separator: "&")
            return HTTPRequest(method: .get, url: URL(string: baseURL + path + "?" + queryString)!, headers: headers)
        }

        func decode<Result: Decodable>(_ type: Result.Type, _ response: HTTPResponse) throws -> Result {
            guard (200..<300).contains(response.statusCode) else { throw Failure(reason: "HTTP \(response.statusCode)") }
            let envelope = try decoder.decode(Envelope<Result>.self, from: response.body)
            guard envelope.status != false, let result = envelope.result else {
                throw Failure(reason: envelope.message ?? "no result")
            }
            return result
        }

        func post<Request: Encodable, Result: Decodable>(_ path: String, _ request: Request, returning: Result.Type) async throws -> Result {
            let response = try await transport.send(try buildPOST(path, request))
            return try decode(Result.self, response)
        }

        func get<Result: Decodable>(_ path: String, _ query: TransactionStatusQuery, returning: Result.Type) async throws -> Result {
            let response = try await transport.send(try buildGET(path, query))
            return try decode(Result.self, response)
        }

        static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

        static func escape(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
        }
    }
}
