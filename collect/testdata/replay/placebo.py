#!/usr/bin/env python3
"""Turn a Cloud Custodian placebo recording (boto3's parsed output, Apache-2.0,
github.com/cloud-custodian/cloud-custodian tests/data/placebo) back into the
response body the service sends, for the replay server of collect_test.go.

    placebo.py MODE RECORDING [SELECT] > BODY

MODE:
  json      JSON and REST-JSON services whose timestamps are epoch seconds
            (awsJson: CloudTrail, KMS, Logs, ...; API Gateway v1; OpenSearch):
            boto3's datetimes become epoch seconds, ResponseMetadata goes.
  apigateway API Gateway v1 (REST-JSON, epoch seconds): as json, and a list
            output's "items" is sent as "item", its locationName.
  lowercamel REST-JSON services whose wire names are lowerCamel (API Gateway
            v2, GuardDuty): member names become the wire's lowerCamel
            jsonNames (keys of map-typed members such as Tags are kept) and
            datetimes ISO 8601 strings, as the service model says.
  es2os     an es DescribeElasticsearchDomains recording as the opensearch
            DescribeDomain body of the domain named SELECT: DomainStatus,
            ElasticsearchClusterConfig -> ClusterConfig, ElasticsearchVersion
            -> EngineVersion (Elasticsearch_<v> unless it already names
            OpenSearch), the other members are the same in both models.
Nothing else is changed: values stay as recorded.
"""
import datetime
import json
import sys

# Map-typed members: their keys are data, not member names.
MAPS = {"Tags", "StageVariables", "RouteSettings", "RequestParameters", "RequestModels",
        "ResponseParameters", "ResponseModels", "tags", "variables", "methodSettings",
        "AdvancedOptions", "LogPublishingOptions", "Endpoints"}
# Members that hold a timestamp some recordings keep as an ISO string.
TIMES = {"AutomatedUpdateDate", "StartTime", "LastUpdatedTime", "createdDate", "lastUpdatedDate",
         "CreatedDate", "LastUpdatedDate"}


def when(v):
    if isinstance(v, dict) and v.get("__class__") == "datetime":
        return datetime.datetime(v["year"], v["month"], v["day"], v["hour"], v["minute"], v["second"],
                                 v["microsecond"], tzinfo=datetime.timezone.utc)
    if isinstance(v, str):
        return datetime.datetime.fromisoformat(v).astimezone(datetime.timezone.utc)
    return None


def convert(v, mode, key=None, in_map=False):
    t = when(v) if (isinstance(v, dict) or key in TIMES) else None
    if t is not None:
        if mode == "lowercamel":
            return t.strftime("%Y-%m-%dT%H:%M:%SZ")
        s = t.timestamp()
        return int(s) if s == int(s) else s
    if isinstance(v, list):
        return [convert(x, mode) for x in v]
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            if k == "ResponseMetadata":
                continue
            name = k
            if mode == "lowercamel" and not in_map:
                name = k[:1].lower() + k[1:]
            out[name] = convert(x, mode, k, k in MAPS)
        return out
    return v


def main():
    mode, path = sys.argv[1], sys.argv[2]
    data = json.load(open(path))["data"]
    if mode == "es2os":
        st = next(d for d in data["DomainStatusList"] if d["DomainName"] == sys.argv[3])
        st = dict(st)
        if "ElasticsearchClusterConfig" in st:
            st["ClusterConfig"] = st.pop("ElasticsearchClusterConfig")
        if "ElasticsearchVersion" in st:
            v = st.pop("ElasticsearchVersion")
            st["EngineVersion"] = v if v.startswith("OpenSearch_") else "Elasticsearch_" + v
        data, mode = {"DomainStatus": st}, "json"
    if mode == "apigateway":
        data, mode = {("item" if k == "items" else k): v for k, v in data.items()}, "json"
    json.dump(convert(data, mode), sys.stdout, indent=2)
    sys.stdout.write("\n")


main()
