<?php
// Computes the phpSample canonical form and signature of each input in inputs.json the way the
// Acquiring signature page's PHP sample does: unset additional_data (and "" values, as the page's
// rule says), ksort, json_encode with JSON_UNESCAPED_SLASHES, base64, append the secret, SHA-256.
//
//   php Tests/Vectors/php-sample.php Tests/Vectors/inputs.json
$vectors = json_decode(file_get_contents($argv[1]), true);
ksort($vectors);
foreach ($vectors as $name => $vector) {
    $requestData = $vector["input"];
    unset($requestData["additional_data"]);
    $requestData = array_filter($requestData, fn($value) => $value !== "");
    ksort($requestData);
    $sortedJson = json_encode($requestData, JSON_UNESCAPED_SLASHES);
    $signature = hash("sha256", base64_encode($sortedJson) . "12345");
    echo $name, "\t", $sortedJson, "\t", $signature, "\n";
}
