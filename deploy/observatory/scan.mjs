// Mozilla's HTTP Observatory (npm @mdn/mdn-http-observatory, pinned in package.json) on each
// path given, through its own scan() function: `node scan.mjs localhost:8443 / /team/ ...`.
// Prints {path: {score, grade, failed: [...]}} as JSON. The certificate's CA comes from
// NODE_EXTRA_CA_CERTS (deploy/prod_check.py sets it to its throwaway CA).
//
// Version 1.4.8's scan(hostname, options) does not hand its options ({httpsPort, httpPort,
// path}) to the retriever, which builds `https://${hostname}${port}${path}`: so the port and the
// path ride in the host name, and both the http and the https request go to the TLS port (nginx
// answers plain http there with a redirect to https, error_page 497).
import { scan } from "@mdn/mdn-http-observatory";

const [host, ...paths] = process.argv.slice(2);
const results = {};
for (const path of paths) {
  try {
    const result = await scan(`${host}${path}`, {});
    results[path] = {
      score: result.scan.score,
      grade: result.scan.grade,
      status: result.scan.statusCode,
      failed: Object.values(result.tests)
        .filter((test) => !test.pass)
        .map((test) => test.result),
    };
  } catch (error) {
    results[path] = { error: String(error?.message ?? error) };
  }
}
console.log(JSON.stringify(results));
