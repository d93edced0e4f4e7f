-- wrk script: create a case per request (token and body from the environment of bench/load.sh).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("PALERMO_TOKEN")
wrk.body = '{"fields":{"prs_FirstName":"Load","prs_SecondName":"Test","prs_Gender":"Feminine","prs_Citizenship":"KEN",' ..
           '"vic_TypeOfExploitation":["ForcedLabour"],"cas_Status":"Active","prs_Birthdate":"1995-03-04"}}'
