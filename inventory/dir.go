package inventory

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// dirExts are the extensions of the files DirFiles lists.
var dirExts = []string{".json", ".ndjson", ".jsonl", ".json.gz", ".ndjson.gz", ".jsonl.gz"}

// DirFiles returns the inventory files of directory dir, sorted by name:
// its regular files named *.json, *.ndjson or *.jsonl, gzipped (.gz) or
// not. Subdirectories are not read. A directory without any is an error.
func DirFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		name := strings.ToLower(e.Name())
		if !e.Type().IsRegular() && e.Type()&os.ModeSymlink == 0 {
			continue
		}
		for _, ext := range dirExts {
			if strings.HasSuffix(name, ext) {
				files = append(files, filepath.Join(dir, e.Name()))
				break
			}
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no inventory files (%s) in the directory", strings.Join(dirExts, ", "))
	}
	sort.Strings(files)
	return files, nil
}
