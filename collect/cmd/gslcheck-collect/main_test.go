package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"aws", "--region", "us-east-1", "--all-regions"}, 2, "exclude each other"},
		{[]string{"aws", "--name", "x", "--role-arn", "arn:aws:iam::1:role/a", "--role-arn", "arn:aws:iam::2:role/a"}, 2, "names one account"},
		{[]string{"aws", "--no-such-flag"}, 2, "flag provided but not defined"},
		{[]string{}, 2, "usage: gslcheck-collect aws"},
		{[]string{"gcp"}, 2, "usage: gslcheck-collect aws"},
		{[]string{"--region", "us-east-1"}, 2, "usage: gslcheck-collect aws"},
	} {
		var out, errb bytes.Buffer
		if code := run(tc.args, &out, &errb); code != tc.code || !strings.Contains(errb.String(), tc.msg) {
			t.Errorf("run(%q) = %d, stderr %q; want %d and %q", tc.args, code, errb.String(), tc.code, tc.msg)
		}
	}
}

// TestBadCredentials: credentials from the environment that AWS rejects end
// the run with exit 1 and the STS error, and the secret is not printed.
func TestBadCredentials(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte(`<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>r</RequestId></ErrorResponse>`))
	}))
	defer srv.Close()
	secret := "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", secret)
	t.Setenv("AWS_REGION", "eu-west-1")
	t.Setenv("AWS_CONFIG_FILE", t.TempDir()+"/none")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", t.TempDir()+"/none")
	var out, errb bytes.Buffer
	code := run([]string{"aws", "--endpoint-url", srv.URL, "--out", t.TempDir(), "--max-attempts", "1"}, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "InvalidClientTokenId") {
		t.Errorf("run = %d, stderr %q; want 1 and the STS error", code, errb.String())
	}
	if strings.Contains(out.String()+errb.String(), secret) {
		t.Error("the secret key was printed")
	}
}
