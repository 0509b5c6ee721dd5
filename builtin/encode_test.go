package builtin

import (
	"encoding/json"
	"math"
	"testing"
)

func TestAppendJSON(t *testing.T) {
	tests := []struct {
		v    Value
		want string
	}{
		{missing, "null"},
		{NullValue(), "null"},
		{BoolValue(true), "true"},
		{NumberValue(2.5), "2.5"},
		{NumberValue(1e21), "1e+21"},
		{NumberValue(math.NaN()), "null"},
		{IntValue(9007199254740993), "9007199254740993"},
		// The escaping of jsontext.AppendString.
		{StringValue("a\"b\\c\n\t\b\f\x01é\u2028\xff"), `"a\"b\\c\n\t\b\f\u0001é\u2028\ufffd"`},
		{j(`{"a": [1, 2]}`), `{"a": [1, 2]}`},
		{j(`"x\u0041"`), `"x\u0041"`},
	}
	for _, tt := range tests {
		got := string(tt.v.AppendJSON(nil))
		if got != tt.want {
			t.Errorf("AppendJSON(%v) = %s, want %s", tt.v, got, tt.want)
		}
		if !json.Valid([]byte(got)) {
			t.Errorf("AppendJSON(%v) = %s is not valid JSON", tt.v, got)
		}
	}
}

func TestArrayAndObjectValue(t *testing.T) {
	arr := ArrayValue([]Value{j(`{"k": 1}`), StringValue("s"), IntValue(3), missing})
	if arr.Kind() != Array || arr.Raw() != `[{"k": 1},"s",3,null]` {
		t.Fatalf("ArrayValue = %v (%v)", arr, arr.Kind())
	}
	if arr.Len() != 4 || !Equal(arr, j(`[{"k":1},"s",3,null]`)) {
		t.Errorf("ArrayValue contents: %v", arr)
	}
	if empty := ArrayValue(nil); !isEmpty(empty) || empty.Kind() != Array {
		t.Errorf("ArrayValue(nil) = %v", empty)
	}
	obj := ObjectValue([]string{"key", "values"}, []Value{StringValue("us-east-1"), arr})
	if obj.Kind() != Object || !Equal(obj, j(`{"values":[{"k":1},"s",3,null],"key":"us-east-1"}`)) {
		t.Errorf("ObjectValue = %v", obj)
	}
	if got := FromJSON(obj.JSON().Get("key")); !Equal(got, StringValue("us-east-1")) {
		t.Errorf("ObjectValue key = %v", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("ObjectValue with mismatched slices did not panic")
		}
	}()
	ObjectValue([]string{"a"}, nil)
}
