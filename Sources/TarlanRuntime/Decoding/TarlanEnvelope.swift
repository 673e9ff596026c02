/// The envelope every Tarlan response shares: `status`, `status_code`, `message`, `result`.
///
/// Every member is optional because the documentation's own examples leave each of them out
/// somewhere (the payment link's success has no envelope; Acquiring successes omit `status_code`).
public struct TarlanEnvelope<Result: Decodable>: Decodable {
    public var status: Bool?
    public var statusCode: Int?
    public var message: String?
    public var result: Result?

    public init(status: Bool? = nil, statusCode: Int? = nil, message: String? = nil, result: Result? = nil) {
        self.status = status
        self.statusCode = statusCode
        self.message = message
        self.result = result
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TarlanCodingKey.self)
        status = try container.decodeField(Bool.self, keys: ["status"], accepting: [.string])
        statusCode = try container.decodeField(Int.self, keys: ["status_code"], accepting: [.string])
        message = try container.decodeField(String.self, keys: ["message"])
        result = try container.decodeField(Result.self, keys: ["result"])
    }
}

extension TarlanEnvelope: Sendable where Result: Sendable {}
extension TarlanEnvelope: Equatable where Result: Equatable {}
extension TarlanEnvelope: Hashable where Result: Hashable {}
