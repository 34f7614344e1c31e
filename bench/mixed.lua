-- wrk script of the mixed run of scripts/bench.sh: per ten requests, four searches that the
-- page cache cannot answer (the session in BENCH_COOKIE makes them rendered), five anonymous
-- pages, and one contact-form post, each post from an address of its own (the server runs
-- behind a proxy, OCOP_BEHIND_PROXY=1, so X-Forwarded-For names the client). Counts every
-- status per thread and prints them all at the end, as "status N" lines.

local threads = {}
local next_id = 1

function setup(thread)
    thread:set("id", next_id)
    next_id = next_id + 1
    table.insert(threads, thread)
end

-- A signed-in account's cookie: its pages are rendered for it alone.
local session = os.getenv("BENCH_COOKIE") or ""

local words = { "nuoc+mam", "toi+den", "dua+go", "nam", "mat+ong", "tra", "ruou", "ca+kho",
    "gao", "tinh+dau", "banh", "muoi", "che", "khoai", "dau+goi" }
local pages = { "/", "/products", "/products/nuoc-mam-chay-son-loc", "/producers", "/fairs",
    "/news", "/stats", "/products?group=thuc-pham", "/producers/htx-nong-nghiep-son-loc" }

function init(args)
    counter = 0
    statuses = {}
    origin = "http://" .. wrk.host .. ":" .. wrk.port
end

function request()
    counter = counter + 1
    local k = counter % 10
    if k == 0 then
        local address = string.format("10.%d.%d.%d", id, math.floor(counter / 2500) % 250,
            math.floor(counter / 10) % 250 + 1)
        local body = "target=product&slug=nuoc-mam-chay-son-loc&name=Kh%C3%A1ch+h%C3%A0ng"
            .. "&phone=0912+345+678&message=C%C3%A2u+h%E1%BB%8Fi+s%E1%BB%91+" .. id .. "-" .. counter
        return wrk.format("POST", "/api/inquiry", {
            ["Content-Type"] = "application/x-www-form-urlencoded",
            ["Accept"] = "application/json",
            ["Origin"] = origin,
            ["X-Forwarded-For"] = address,
        }, body)
    elseif k <= 4 then
        local word = words[(counter % #words) + 1]
        local page = math.floor(counter / #words) % 3 + 1
        return wrk.format("GET", "/products?q=" .. word .. "&page=" .. page, {
            ["Cookie"] = session,
            ["Accept-Encoding"] = "gzip",
        })
    else
        return wrk.format("GET", pages[(counter % #pages) + 1], { ["Accept-Encoding"] = "gzip" })
    end
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
    local all = {}
    for _, thread in ipairs(threads) do
        for status, n in pairs(thread:get("statuses")) do
            all[status] = (all[status] or 0) + n
        end
    end
    for status, n in pairs(all) do
        io.write(string.format("status %d %d\n", status, n))
    end
end
