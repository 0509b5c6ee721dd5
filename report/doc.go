// Package report writes the results of GSL rules as gslcheck does: text
// for people, JSON (one result per line), SARIF 2.1.0 for code scanning,
// and JUnit XML for CI test reports. A service that evaluates rules with
// package eval can emit the same reports without running gslcheck.
//
// A Writer takes one Record per result (a rule's status on an entity, with
// its evidence) or input error, in order, then the Summary:
//
//	w, err := report.New("sarif", out, report.Options{Rules: rules})
//	for each result: w.Result(&rec)
//	w.Finish(&sum)
//
// Every writer streams, with memory that does not grow with the number of
// records: JSON and SARIF write each result as it comes; text and JUnit,
// which group results by rule, keep each rule's text in memory up to a
// bound (64 KB per rule, 16 MB in all) and the rest in a temporary file
// read back at Finish. SARIF holds at most Options.SARIFMaxResults results
// when it is set (code scanning takes 25,000 per run), keeping the most
// severe and naming what it left out in a notification.
//
// A failure may carry a Suppression (an accepted exception, reported as
// suppressed: JSON "status": "suppressed", SARIF suppressions, a skipped
// JUnit case) and a BaselineState (SARIF baselineState, JSON "baseline").
// Writers do not keep a Record once Result returns, so the caller may
// build each one in the same place.
package report
