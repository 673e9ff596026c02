enum Usage {
    static let text = """
        usage: tarlan demo                       every operation and callback against the built-in mock
               tarlan list [--markdown]          one line per operation: name, method, path, section
               tarlan call OPERATION [--json REQUEST] [--base-url URL] [--sandbox] [--timeout SECONDS]
                                                 send a signed request (the request JSON from --json or
                                                 standard input); prints the decoded result as JSON
               tarlan sign SECTION               print the signature of the JSON object on standard input
                                                 (sections: \(SectionLookup.names))
        The signing secret comes from the TARLAN_SECRET environment variable, never from an argument.
        tarlan call exits 0 on success, 1 when the API reported an error, 2 for a transport, HTTP or
        decoding failure, 64 for a usage error.
        """
}
