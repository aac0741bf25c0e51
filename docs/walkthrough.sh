#!/usr/bin/env bash
# A donation from vein to vein. Start the server with the walkthrough's tokens, then run (or paste) this:
#   HEMOTRACE_TOKENS_FILE=docs/walkthrough-tokens.json npm start      # any PORT; then BASE=http://127.0.0.1:$PORT
( # a subshell: pasted into a terminal, a refused request ends the walkthrough, not your shell
set -euo pipefail
BASE=${BASE:-http://127.0.0.1:3000}; API=$BASE/api/v1
C="Authorization: Bearer ${CENTER_TOKEN:-walkthrough-center}"     # admin at blood center BC-1
H="Authorization: Bearer ${HOSPITAL_TOKEN:-walkthrough-hospital}" # hospital staff at HOSP-1
J="Content-Type: application/json"
post() { curl -sSf -H "$1" -H "$J" "$API$2" -d "${3:-}"; }   # -f: any 4xx/5xx stops the walkthrough
get() { curl -sSf -H "$1" "$API$2"; }
field() { node -pe "JSON.parse(require('fs').readFileSync(0)).$1"; }
# Business times: the donation ended 3 hours ago (to the minute), every later step follows it in order.
T0=$(node -pe 'Math.floor(Date.now() / 60000) * 60000 - 3 * 3600000')
at() { node -pe "new Date($T0 + $1 * 60000).toISOString()"; }   # minutes after the donation ended
LATE='"lateEntryReason":"Paper record entered after the session"'
DIN=A99992$(node -pe 'String(Date.now() % 1e7).padStart(7, "0")')   # a fresh ISBT 128 DIN each run

# master data (admin): the blood center and the hospital, registered before anything ships
post "$C" /sites '{"siteId":"BC-1","name":"Central blood center","type":"BLOOD_CENTER","active":true,"occurredAt":"2020-01-01T00:00:00Z"}' >/dev/null 2>&1 || true   # 409 on a second run
post "$C" /sites '{"siteId":"HOSP-1","name":"City hospital","type":"HOSPITAL","active":true,"occurredAt":"2020-01-01T00:00:00Z"}' >/dev/null 2>&1 || true

# donor clinic: register (identity goes to its own stream) and screen under the CN 2019 profile
DONOR=$(post "$C" /donors '{"name":"Chen Jing","document":{"type":"PASSPORT","number":"E'$DIN'"},
  "birthDate":"1992-08-15","sex":"M","contact":{}}' | field donorId)
post "$C" /donors/$DONOR/screenings '{"procedure":"WHOLE_BLOOD","measurements":{"weightKg":68,
  "systolicMmHg":120,"diastolicMmHg":78,"pulseBpm":72,"temperatureC":36.6,"hemoglobinGPerL":140},
  "answers":{"RECENT_COLD_OR_FEVER":false,"RECENT_TOOTH_EXTRACTION":false,"RECENT_TATTOO_OR_PIERCING":false,
  "RECENT_SURGERY":false,"PREGNANT_OR_RECENT_BIRTH":false,"HEPATITIS_HIV_SYPHILIS_HISTORY":false,"HIGH_RISK_BEHAVIOUR":false}}' | field outcome

# phlebotomy: a donation under its ISBT 128 DIN, started 12 minutes before it ended
post "$C" /donations '{"din":"'$DIN'","donorId":"'$DONOR'","procedure":"WHOLE_BLOOD","volumeMl":400,"siteId":"BC-1",
  "siteType":"FIXED_SITE","bagLot":"BAG-2026-0311","startedAt":"'$(at -12)'",'"$LATE"'}' >/dev/null
post "$C" /donations/$DIN/completion '{"volumeMl":405,"startedAt":"'$(at -12)'","endedAt":"'$(at 0)'",'"$LATE"'}' >/dev/null

# components: red cells prepared from the whole blood; quarantined until the laboratory qualifies it
UNIT=$(post "$C" /components/units '{"din":"'$DIN'","descriptionCode":"E0398","volumeMl":280,
  "equipmentId":"CENTRIFUGE-1","preparedAt":"'$(at 60)'"}' | field unitId)

# laboratory: sample receipt, ABO/RhD twice, antibody screen, every CN-2019 marker (two ELISA kits), ALT
LAB=/laboratory/donations/$DIN
post "$C" $LAB/sample-receipts '{"labSiteId":"BC-1","labType":"CENTRAL_LAB","transportMinutes":40,
  "condition":"ACCEPTABLE","receivedAt":"'$(at 40)'",'"$LATE"'}' >/dev/null
for i in 1 2; do
  post "$C" $LAB/blood-group-determinations '{"forward":"O","reverse":"O","rhd":"POS","method":"MICROPLATE",
    "reagentLot":"ABO-2026-11","determinedAt":"'$(at 70)'",'"$LATE"'}' >/dev/null
done
post "$C" $LAB/antibody-screens '{"result":"NEGATIVE","method":"MICROPLATE","reagentLot":"SCR-2026-11",
  "testedAt":"'$(at 70)'",'"$LATE"'}' >/dev/null
for m in HIV:Wantai HIV:Kehua HBV:Wantai HBV:Kehua HCV:Wantai HCV:Kehua SYPHILIS:Wantai; do
  post "$C" $LAB/marker-results '{"marker":"'${m%:*}'","method":"ELISA","reagent":{"manufacturer":"'${m#*:}'",
    "lot":"'${m#*:}'-2026-11"},"instrument":"FAME-24/20","value":0.2,"interpretation":"NON_REACTIVE",
    "testedAt":"'$(at 80)'",'"$LATE"'}' >/dev/null
done
post "$C" $LAB/marker-results '{"marker":"ALT","method":"ENZYMATIC","reagent":{"manufacturer":"Mindray","lot":"ALT-2026-11"},
  "value":20,"testedAt":"'$(at 80)'",'"$LATE"'}' >/dev/null
post "$C" $LAB/conclusion | field recorded

# components: the qualified unit is released automatically (a reaction); wait until it is
for i in $(seq 50); do
  [ "$(get "$C" /components/units/$UNIT | field status)" = Released ] && break; sleep 0.2
done
get "$C" /components/units/$UNIT | field status

# distribution: a hospital issue from BC-1 to HOSP-1, packed, dispatched, received by the hospital
SHIPMENT=$(post "$C" /distribution/shipments '{"type":"HOSPITAL_ISSUE","toSiteId":"HOSP-1"}' | field shipmentId)
post "$C" /distribution/shipments/$SHIPMENT/units '{"unitId":"'$UNIT'"}' >/dev/null
post "$C" /distribution/shipments/$SHIPMENT/dispatch '{"carrier":"City cold chain","coolerId":"BOX-7","temperatureC":4}' >/dev/null
post "$H" /distribution/shipments/$SHIPMENT/receipt '{"condition":"INTACT","temperatureC":5,
  "units":[{"unitId":"'$UNIT'","accepted":true}]}' >/dev/null

# hospital: patient, typed sample, request, crossmatch, issue to the ward, bedside check, transfusion
PATIENT=$(post "$H" /transfusion/patients '{"mrn":"MRN-'$DIN'","familyName":"Wang","givenName":"Fang",
  "birthDate":"1961-04-02","sex":"FEMALE"}' | field patientId)
post "$H" /transfusion/patients/$PATIENT/samples '{"sampleId":"S-'$DIN'","collectedAt":"'$(at 120)'",
  "bloodGroup":"O+","antibodyScreen":"NEGATIVE"}' >/dev/null
REQUEST=$(post "$H" /transfusion/requests '{"patientId":"'$PATIENT'","product":"RED_CELLS","quantity":1,
  "urgency":"ROUTINE","indication":"Hb 62 g/L"}' | field requestId)
for i in $(seq 50); do   # the hospital's stock learns of the received unit asynchronously
  post "$H" /transfusion/requests/$REQUEST/crossmatches '{"din":"'$DIN'","productCode":"E0398V00",
    "method":"SEROLOGICAL","result":"COMPATIBLE"}' >/dev/null 2>&1 && break; sleep 0.2
done
post "$H" /transfusion/requests/$REQUEST/issues '{"din":"'$DIN'","productCode":"E0398V00","ward":"HAEM-2"}' >/dev/null
post "$H" /transfusion/requests/$REQUEST/bedside-checks '{"scannedPatientId":"'$PATIENT'","scannedDin":"'$DIN'",
  "scannedProductCode":"E0398V00"}' >/dev/null
VITALS='{"vitals":{"temperatureC":36.7,"pulsePerMin":80,"systolicMmHg":120,"diastolicMmHg":75}}'
post "$H" /transfusion/requests/$REQUEST/units/$UNIT/start "$VITALS" >/dev/null
post "$H" /transfusion/requests/$REQUEST/units/$UNIT/end '{"volumeMl":280}' >/dev/null

# auditor's view: the unit's vein-to-vein trace, every event hash-chained, ending transfused
for i in $(seq 50); do
  [ "$(get "$C" /components/units/$UNIT | field status)" = Transfused ] && break; sleep 0.2
done
get "$C" /trace/units/$UNIT | node -pe 'const t = JSON.parse(require("fs").readFileSync(0));
  t.events.map((e) => e.type).join(" > ") + "\nintegrity ok: " + t.integrity.ok'
echo "unit $UNIT: $(get "$C" /components/units/$UNIT | field status)"
)
