enum Usage {
    static let text = """
        usage: tarlan demo                       every operation and callback against the built-in mock
               tarlan list [--markdown]          one line per operation: name, method, path, section
               tarlan call OPERATION [--json REQUEST] [--base-url URL] [--sandbox] [--timeout SECONDS]
                                                 send a signed request (the request JSON from --json or
                                                 standard input); prints the decoded result as JSON
               tarlan verify-callback CALLBACK [--signature VALUE] [--query QUERY]
                                                 check a callback's signature as your endpoint would (the
                                                 body on standard input, a GET's query with --query); prints
                                                 the decoded payload, or the canonical text that was hashed
               tarlan sign SECTION [--form FORM] print the signature of the JSON object on standard input
                                                 (sections: \(SectionLookup.names); forms: go, phpSample;
                                                 the section's own form by default)
        The signing secret comes from the TARLAN_SECRET environment variable, never from an argument.
        tarlan call exits 0 on success, 1 when the API reported an error, 2 for a transport, HTTP or
        decoding failure, 3 when a money-moving call's outcome is unknown (it may have been carried
        out: the message says how to find out), 64 for a usage error. tarlan verify-callback exits 0 when the signature
        verifies, 1 when it does not, 2 when the body is not a JSON object, 64 for a usage error.
        """
}
