// Computes the go canonical form and signature of each input in inputs.json with Go's own
// encoding/json: json.Unmarshal into map[string]interface{}, drop additional_data and "" values at
// the top level, json.Marshal (keys sorted, <>& escaped), base64, append the secret, SHA-256.
//
//	go run Tests/Vectors/go-encoding-json.go Tests/Vectors/inputs.json
package main

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"sort"
)

func main() {
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	var vectors map[string]struct {
		Section string                 `json:"section"`
		Input   map[string]interface{} `json:"input"`
	}
	if err := json.Unmarshal(raw, &vectors); err != nil {
		panic(err)
	}
	names := make([]string, 0, len(vectors))
	for name := range vectors {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		input := vectors[name].Input
		delete(input, "additional_data")
		for key, value := range input {
			if value == "" {
				delete(input, key)
			}
		}
		canonical, err := json.Marshal(input)
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256([]byte(base64.StdEncoding.EncodeToString(canonical) + "12345"))
		fmt.Printf("%s\t%s\t%x\n", name, canonical, sum)
	}
}
