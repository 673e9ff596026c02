// The tests of this target are generated from Schema/ by TarlanGeneratorPlugin
// (FixtureTests.swift, SignatureVectorTests.swift); SwiftPM needs one hand-written file here.
