/// Readable location and reason of a `DecodingError`, e.g. `result.refunds[0].amount`, "expected Double".
enum DecodingErrorPath {
    static func path(of error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context): render(context.codingPath + [key])
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            render(context.codingPath)
        @unknown default: ""
        }
    }

    static func reason(of error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "required field \"\(key.stringValue)\" is missing"
        case .typeMismatch(let type, _): "expected \(type)"
        case .valueNotFound(let type, _): "expected \(type), found null"
        case .dataCorrupted(let context): context.debugDescription
        @unknown default: "\(error)"
        }
    }

    private static func render(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }
}
