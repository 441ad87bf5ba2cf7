-- Tests config/argocd/health.lua against the GlobalTable documents in src/test/resources/argocd/ (written by the
-- operator's StatusWriter; StatusFixturesTest keeps them current). Run from the repository root:
--
--   lua5.1 src/test/lua/health_test.lua
--
-- Needs lua5.1 and lua-cjson (Debian: apt-get install lua5.1 lua-cjson). Exits 1 on any failure.
--
-- The script runs as Argo CD runs it (argo-cd util/lua/lua.go, gopher-lua, Lua 5.1): the resource is the global `obj`,
-- only the base, table and os libraries are open (no string, math, io or debug), and the chunk must `return hs`.
local cjson = require("cjson")

local SCRIPT = "config/argocd/health.lua"
local FIXTURES = "src/test/resources/argocd/"
local VALID = { Healthy = true, Progressing = true, Degraded = true, Suspended = true, Missing = true, Unknown = true }

local function read(path)
  local f, err = io.open(path, "rb")
  if f == nil then
    error("cannot read " .. path .. ": " .. tostring(err) .. " (run from the repository root)", 0)
  end
  local text = f:read("*a")
  f:close()
  return text
end

-- JSON null becomes nil, as Argo CD's decodeValue makes it.
local function denull(v)
  if v == cjson.null then
    return nil
  end
  if type(v) == "table" then
    local out = {}
    for k, e in pairs(v) do
      out[k] = denull(e)
    end
    return out
  end
  return v
end

local function fixture(name)
  return denull(cjson.decode(read(FIXTURES .. name .. ".json")))
end

local function copy(v)
  return denull(v)
end

-- The libraries Argo CD opens: base, table, and a safe os (time, date, clock). Everything else is absent.
local function argoEnvironment(obj)
  local env = {
    assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs, pcall = pcall, rawequal = rawequal,
    rawget = rawget, rawset = rawset, select = select, setmetatable = setmetatable, getmetatable = getmetatable,
    tonumber = tonumber, tostring = tostring, type = type, unpack = unpack, xpcall = xpcall, print = print,
    table = table,
    os = { time = os.time, date = os.date, clock = os.clock },
    obj = obj,
  }
  env._G = env
  return env
end

local chunk = assert(loadfile(SCRIPT))

local function health(obj)
  setfenv(chunk, argoEnvironment(obj))
  -- Without Argo CD's string library, ("x"):find() fails there; make it fail here too.
  local stringMeta = getmetatable("")
  local stringIndex = stringMeta.__index
  stringMeta.__index = nil
  local ok, hs = pcall(chunk)
  stringMeta.__index = stringIndex
  if not ok then
    return nil, "the script fails: " .. tostring(hs)
  end
  if type(hs) ~= "table" then
    return nil, "the script returns " .. type(hs) .. ", not a table"
  end
  if not VALID[hs.status] then
    return nil, "status " .. tostring(hs.status) .. " is not an Argo CD health status (Argo CD would show Unknown)"
  end
  if type(hs.message) ~= "string" then
    return nil, "message is " .. type(hs.message) .. ", not a string"
  end
  return hs
end

local failures, passed = 0, 0

local function expect(name, obj, status, message)
  local hs, err = health(obj)
  if hs == nil then
    failures = failures + 1
    io.stderr:write("FAIL " .. name .. ": " .. err .. "\n")
  elseif hs.status ~= status or hs.message ~= message then
    failures = failures + 1
    io.stderr:write("FAIL " .. name .. "\n  expected " .. status .. " \"" .. message .. "\"\n  actual   "
      .. hs.status .. " \"" .. hs.message .. "\"\n")
  else
    passed = passed + 1
    print("ok   " .. name .. ": " .. hs.status .. " \"" .. hs.message .. "\"")
  end
end

-- ---- the operator's documents ------------------------------------------------------------------------------------

local ALARMING = "table Orders is ACTIVE in 3 regions; in ALARM: globaltable/Orders/ReplicationLatency/to/us-east-1 in "
  .. "eu-west-1 (Threshold Crossed: 5 out of the last 5 datapoints were greater than the threshold (60000.0).); "
  .. "globaltable/Orders/ReplicationLatency/to/us-east-1 in ap-northeast-1 (Threshold Crossed: 5 out of the last 5 "
  .. "datapoints were greater than the threshold (60000.0).)"

local cases = {
  { "ready", "Healthy", "Ready: table Orders is ACTIVE in 3 regions" },
  { "ready-alarming", "Healthy", "Alarming: " .. ALARMING },
  { "progressing-replica-creating", "Progressing", "ReplicaCreating: ap-northeast-1 is CREATING (45%)" },
  { "stalled-invalid-spec", "Degraded", "spec.homeRegion: must be one of spec.replicas[].region (us-west-2 is not listed)" },
  { "suspended", "Suspended", "Suspended: suspend is true; 1 step(s) pending: tag the table in us-east-1 "
    .. "(cost-center, globaltable.dev/owner, team, tier)" },
  { "new-generation-not-observed", "Progressing", "Waiting for the operator to observe generation 4 "
    .. "(status is for generation 3)" },
  { "no-status", "Progressing", "Waiting for the operator" },
  { "aws-unavailable-after-ready", "Progressing", "AwsUnavailable: DescribeTable in eu-west-1 was throttled "
    .. "(ThrottlingException); retrying with backoff" },
}

for _, c in ipairs(cases) do
  local ok, obj = pcall(fixture, c[1])
  if not ok then
    failures = failures + 1
    io.stderr:write("FAIL " .. c[1] .. ": " .. tostring(obj) .. "\n")
  else
    expect(c[1], obj, c[2], c[3])
  end
end

-- ---- shapes the operator does not write, derived from its documents -----------------------------------------------

local function conditionOf(obj, conditionType)
  for _, c in ipairs(obj.status.conditions) do
    if c.type == conditionType then
      return c
    end
  end
end

local ok, ready = pcall(fixture, "ready")
if ok then
  local noConditions = copy(ready)
  noConditions.status.conditions = {}
  expect("status without conditions", noConditions, "Progressing", "Waiting for the operator")

  local staleReady = copy(ready)
  conditionOf(staleReady, "Ready").observedGeneration = 2
  expect("Ready=True for an older generation", staleReady, "Progressing",
    "Waiting for the operator to observe generation 3 (Ready is for generation 2)")

  local stalledWithoutMessage = copy(ready)
  conditionOf(stalledWithoutMessage, "Ready").status = "False"
  conditionOf(stalledWithoutMessage, "Stalled").status = "True"
  conditionOf(stalledWithoutMessage, "Stalled").reason = "TableOwnedElsewhere"
  conditionOf(stalledWithoutMessage, "Stalled").message = nil
  expect("Stalled=True without a message", stalledWithoutMessage, "Degraded", "TableOwnedElsewhere")

  local noGeneration = copy(ready)
  noGeneration.metadata.generation = nil
  expect("no metadata.generation", noGeneration, "Healthy", "Ready: table Orders is ACTIVE in 3 regions")
end

print(passed .. " passed, " .. failures .. " failed")
if failures > 0 then
  os.exit(1)
end
