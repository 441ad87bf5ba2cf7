-- Argo CD health check for dynamodb.globaltable.dev/GlobalTable.
--
-- The operator writes kstatus conditions (Ready, Reconciling, Stalled), each with observedGeneration, and
-- status.observedGeneration. Argo CD runs this script with the resource as the global `obj` and reads the table it
-- returns. Argo CD opens only Lua's base, table and (a safe part of) os libraries: no string library here.
--
--   no status yet, or a spec generation not yet observed   Progressing
--   Stalled=True (a person must act)                       Degraded, with the Stalled message
--   Ready reason Suspended (spec.suspend: true)            Suspended
--   Reconciling=True (working, or waiting for AWS)         Progressing
--   Ready=True for this generation                         Healthy (also with reason Alarming: the message says so)
--
-- Messages read "<reason>: <message>" so that Alarming, WaitingForAws and the like show in the Argo CD UI.
local hs = {}

local function condition(status, conditionType)
  if status == nil or status.conditions == nil then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == conditionType then
      return c
    end
  end
  return nil
end

local function isTrue(c)
  return c ~= nil and c.status == "True"
end

local function describe(c)
  local reason = c.reason or ""
  local message = c.message or ""
  if message == "" then
    return reason
  end
  if reason == "" then
    return message
  end
  return reason .. ": " .. message
end

local generation = nil
if obj.metadata ~= nil then
  generation = obj.metadata.generation
end
local status = obj.status

if status == nil or status.observedGeneration == nil or status.conditions == nil or #status.conditions == 0 then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator"
  return hs
end

if generation ~= nil and status.observedGeneration ~= generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
    .. " (status is for generation " .. tostring(status.observedGeneration) .. ")"
  return hs
end

local ready = condition(status, "Ready")
local reconciling = condition(status, "Reconciling")
local stalled = condition(status, "Stalled")

if isTrue(stalled) then
  hs.status = "Degraded"
  hs.message = stalled.message
  if hs.message == nil or hs.message == "" then
    hs.message = describe(stalled)
  end
  return hs
end

if ready ~= nil and ready.reason == "Suspended" then
  hs.status = "Suspended"
  hs.message = describe(ready)
  return hs
end

if isTrue(reconciling) then
  hs.status = "Progressing"
  hs.message = describe(reconciling)
  return hs
end

if isTrue(ready) then
  if generation ~= nil and ready.observedGeneration ~= nil and ready.observedGeneration ~= generation then
    hs.status = "Progressing"
    hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
      .. " (Ready is for generation " .. tostring(ready.observedGeneration) .. ")"
    return hs
  end
  hs.status = "Healthy"
  hs.message = describe(ready)
  return hs
end

-- Ready not True, and neither Reconciling nor Stalled True: not a state the operator writes;
-- wait for the next pass.
hs.status = "Progressing"
if ready ~= nil then
  hs.message = describe(ready)
else
  hs.message = "Waiting for the operator"
end
return hs
