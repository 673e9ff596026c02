import TarlanCore
import TarlanGeneratorKit

/// Server objects: one per section environment, globally and per path.
enum OpenAPIServers {
    /// A section's environments in a stable order: production, sandbox, then any other by name.
    static func environments(of section: Section) -> [String] {
        let known = ["production", "sandbox"].filter { section.servers[$0] != nil }
        return known + section.servers.keys.filter { !known.contains($0) }.sorted()
    }

    /// The section's hosts; each description names the section, since the global list holds every section's.
    static func servers(of section: Section) -> [JSONValue] {
        environments(of: section).compactMap { environment in
            section.servers[environment].map { url in
                server(url: url, section: section, environment: environment, note: nil)
            }
        }
    }

    /// The servers of one operation's path item, and the environments whose path could not be
    /// expressed (environment → path).
    ///
    /// OpenAPI paths cannot differ per server. Where an environment's path ends with the operation's
    /// path (a prefix, like the refund's sandbox prefix), the prefix moves into that server's URL;
    /// otherwise that environment is left out of the path's servers and named in the description.
    static func servers(for operation: Operation, in section: Section) -> (
        servers: [JSONValue], unexpressed: [String: String]
    ) {
        var servers: [JSONValue] = []
        var unexpressed: [String: String] = [:]
        for environment in environments(of: section) {
            guard let url = section.servers[environment] else { continue }
            guard let path = operation.environmentPaths[environment], path != operation.path else {
                servers.append(server(url: url, section: section, environment: environment, note: nil))
                continue
            }
            if path.hasSuffix(operation.path) {
                let prefix = String(path.dropLast(operation.path.count))
                servers.append(
                    server(
                        url: trimmingTrailingSlash(url) + prefix, section: section, environment: environment,
                        note:
                            "this operation's \(environment) path is \(OpenAPIText.code(path)), so the prefix \(OpenAPIText.code(prefix)) is part of the server URL"
                    ))
            } else {
                unexpressed[environment] = path
            }
        }
        return (servers, unexpressed)
    }

    private static func server(url: String, section: Section, environment: String, note: String?) -> JSONValue {
        let description = "\(section.title) (section \(section.id)), \(environment)" + (note.map { "; " + $0 } ?? "")
        return [
            "url": .string(url),
            "description": .string(description),
            "x-tarlan-section": .string(section.id),
            "x-tarlan-environment": .string(environment),
        ]
    }

    private static func trimmingTrailingSlash(_ url: String) -> String {
        url.hasSuffix("/") ? String(url.dropLast()) : url
    }
}

/// A section's signature as a security scheme.
///
/// OpenAPI has no scheme for "a hash of this request's body", so the scheme says where the value
/// travels and its description says how to compute it. `Authorization: Bearer <signature>` is an
/// `http` `bearer` scheme (exactly what goes on the wire, and what tools fill in); any other
/// header is an `apiKey` in that header.
enum OpenAPISecurity {
    static func scheme(_ section: Section) -> JSONValue {
        let rules = section.signing
        var scheme: [String: JSONValue] = ["description": .string(algorithm(section))]
        if rules.headerName.lowercased() == "authorization", rules.valuePrefix.lowercased() == "bearer " {
            scheme["type"] = "http"
            scheme["scheme"] = "bearer"
            scheme["bearerFormat"] = "request signature: lowercase hex SHA-256 (64 characters), computed per request"
        } else {
            scheme["type"] = "apiKey"
            scheme["in"] = "header"
            scheme["name"] = .string(rules.headerName)
        }
        scheme["x-tarlan-signing"] = [
            "headerName": .string(rules.headerName),
            "valuePrefix": .string(rules.valuePrefix),
            "excludedTopLevelFields": .array(rules.excludedTopLevelFields.map(JSONValue.string)),
            "excludesEmptyStrings": .bool(rules.excludesEmptyStrings),
        ]
        return .object(scheme)
    }

    /// The signing algorithm in words.
    static func algorithm(_ section: Section) -> String {
        let rules = section.signing
        var exclusions = rules.excludedTopLevelFields.map { "the top-level field \(OpenAPIText.code($0))" }
        if rules.excludesEmptyStrings {
            exclusions.append("every top-level field whose value is the empty string `\"\"`")
        }
        let header =
            rules.valuePrefix.isEmpty
            ? "`\(rules.headerName): <signature>`"
            : "`\(rules.headerName): \(rules.valuePrefix)<signature>`"
        let steps = [
            "1. Take the request body; for a GET, the query parameters as a JSON object typed by the schema "
                + "(an integer parameter as a JSON number, a string parameter as a JSON string).",
            "2. Leave out " + (exclusions.isEmpty ? "nothing." : exclusions.joined(separator: " and ") + "."),
            "3. Serialise as canonical JSON: what Go's `encoding/json` writes for the body parsed into a generic map "
                + "(compact, keys sorted by UTF-8 bytes at every level, numbers as float64, `<` `>` `&` escaped as "
                + "`\\u003c` `\\u003e` `\\u0026`, other non-ASCII as raw UTF-8).",
            "4. Base64 it (standard alphabet, padded) and append the secret.",
            "5. SHA-256, lowercase hex: the signature, sent as \(header).",
        ]
        return OpenAPIText.paragraphs([
            "Per-request signature (\(section.title), section \(section.id)); not a static key. "
                + "The value is computed from each request and the merchant's secret:",
            steps.joined(separator: "\n"),
            "TarlanKit sends the body as this same canonical JSON, so what the server parses is exactly what was signed. "
                + "Webhooks of this section send a signature in the same header; verifying it this way is inferred, "
                + "not documented (see each webhook).",
            section.signingNote,
        ]) ?? ""
    }
}
