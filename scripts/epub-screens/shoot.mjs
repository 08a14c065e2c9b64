// press: drives headless Chromium over the DevTools protocol (on a pipe, no
// network port, no npm package) to take the screenshots of
// scripts/epub-screens.sh.
//
//   node shoot.mjs BASEURL OUTDIR SHOTS
//
// BASEURL is reader.html on the local server, with ?book=... already in it.
// SHOTS is a file of lines "NAME WIDTHxHEIGHT[@SCALE] QUERY [CLIP]" (SCALE:
// device pixels per CSS pixel, for close-ups), QUERY being
// appended to BASEURL (e.g. "&go=sel:blockquote", values unencoded and
// without spaces, see reader.js for the keys) and CLIP an optional part of
// the window to keep for close-ups: X,Y,W,H in CSS pixels, or
// target[:PADX[,PADY]] for the element that go=sel:... went to with PAD
// pixels around it (default 24); a NAME of "diag" writes
// OUTDIR/diag.json instead of a picture. For each picture it also records,
// in OUTDIR/fonts.txt, which fonts Chromium really drew the text of some
// elements with (CSS.getPlatformFontsForNode), so that a fallback font
// shows up even where it looks alike.
//
// Chromium's own --screenshot cannot be used: it shoots at the load event,
// before foliate-js has unzipped and laid out the book, and under
// --virtual-time-budget zip.js's reads of the EPUB never finish.
//
// Environment: CHROMIUM (default /usr/bin/chromium), SHOT_TIMEOUT (seconds
// to wait for one place to render, default 30), SCALE (the default of
// @SCALE, 1).

import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, appendFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const [baseURL, outDir, shotsFile] = process.argv.slice(2)
if (!shotsFile) {
    console.error('usage: node shoot.mjs BASEURL OUTDIR SHOTS')
    process.exit(2)
}
const shotTimeout = Number(process.env.SHOT_TIMEOUT ?? 30) * 1000
const defaultScale = Number(process.env.SCALE ?? 1)
const shots = readFileSync(shotsFile, 'utf8').split('\n')
    .map(l => l.trim()).filter(l => l && !l.startsWith('#'))
    .map(l => {
        const [name, size, query = '', clip] = l.split(/\s+/)
        const [dims, at] = size.split('@')
        const [width, height] = dims.split('x').map(Number)
        const scale = Number(at ?? defaultScale)
        if (clip?.startsWith('target')) {
            const [padX = 24, padY = padX] = clip.slice(7).split(',').filter(Boolean).map(Number)
            return { name, width, height, scale, query, target: { padX, padY } }
        }
        const [x, y, w, h] = clip?.split(',').map(Number) ?? []
        return { name, width, height, scale, query, clip: clip ? { x, y, width: w, height: h } : null }
    })

const profile = mkdtempSync(join(tmpdir(), 'epub-screens-chromium-'))
const chromium = spawn(process.env.CHROMIUM ?? '/usr/bin/chromium', [
    '--headless', '--no-sandbox', '--disable-gpu',
    '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--no-default-browser-check',
    '--hide-scrollbars', '--force-color-profile=srgb',
    `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank',
], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] })
let stderr = ''
chromium.stderr.on('data', d => { stderr = (stderr + d).slice(-4000) })

const toBrowser = chromium.stdio[3]
const fromBrowser = chromium.stdio[4]
let nextId = 1
const pending = new Map()
let buffer = Buffer.alloc(0)
fromBrowser.on('data', chunk => {
    buffer = Buffer.concat([buffer, chunk])
    let end
    while ((end = buffer.indexOf(0)) >= 0) {
        const msg = JSON.parse(buffer.subarray(0, end).toString('utf8'))
        buffer = buffer.subarray(end + 1)
        const p = msg.id && pending.get(msg.id)
        if (!p) continue
        pending.delete(msg.id)
        if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`))
        else p.resolve(msg.result)
    }
})
const send = (method, params = {}, sessionId) => new Promise((resolve, reject) => {
    const id = nextId++
    pending.set(id, { resolve, reject, method })
    toBrowser.write(JSON.stringify({ id, method, params, sessionId }) + '\0')
})
chromium.on('exit', code => {
    for (const p of pending.values()) p.reject(new Error(`chromium exited (${code}): ${stderr}`))
    pending.clear()
})

const sleep = ms => new Promise(r => setTimeout(r, ms))

// The elements whose fonts are reported; found in the book's document.
const fontProbes = ['h1', 'p', 'blockquote p', 'p.byline', 'a.noteref', 'a.backlink',
    'section.endnotes li', 'p.author', 'p.publisher', 'p.colophon']

const findBookDocument = node => {
    // the document of the iframe that foliate-js renders the section in
    if (node.contentDocument && /^blob:/.test(node.contentDocument.documentURL ?? ''))
        return node.contentDocument
    for (const kid of [...(node.children ?? []), ...(node.shadowRoots ?? []),
        ...(node.contentDocument ? [node.contentDocument] : [])]) {
        const found = findBookDocument(kid)
        if (found) return found
    }
    return null
}

const reportFonts = async (session, name) => {
    const { root } = await send('DOM.getDocument', { depth: -1, pierce: true }, session)
    const doc = findBookDocument(root)
    if (!doc) return `${name}: (no book document found)\n`
    let out = `${name}: ${doc.documentURL}\n`
    for (const sel of fontProbes) {
        const { nodeId } = await send('DOM.querySelector', { nodeId: doc.nodeId, selector: sel }, session)
        if (!nodeId) continue
        const { fonts } = await send('CSS.getPlatformFontsForNode', { nodeId }, session)
        out += `  ${sel.padEnd(20)} ${fonts.map(f =>
            `${f.familyName}${f.postScriptName ? ` (${f.postScriptName})` : ''}`
            + `${f.isCustomFont ? ' [embedded]' : ' [system]'} ×${f.glyphCount}`).join(', ')}\n`
    }
    return out
}

let failed = 0
try {
    const { targetId } = await send('Target.createTarget', { url: 'about:blank' })
    const { sessionId: session } = await send('Target.attachToTarget', { targetId, flatten: true })
    await send('Page.enable', {}, session)
    await send('DOM.enable', {}, session)
    await send('CSS.enable', {}, session)
    writeFileSync(join(outDir, 'fonts.txt'),
        'Fonts Chromium drew each element\'s text with (first match of the selector in the shown document):\n\n')
    for (const shot of shots) {
        const t0 = Date.now()
        await send('Emulation.setDeviceMetricsOverride', {
            width: shot.width, height: shot.height, deviceScaleFactor: shot.scale, mobile: false,
        }, session)
        // the values are written raw in SHOTS (href#id, selectors): encode them
        const url = baseURL + shot.query.split('&').filter(Boolean).map(kv => {
            const i = kv.indexOf('=')
            return i < 0 ? `&${kv}` : `&${kv.slice(0, i)}=${encodeURIComponent(kv.slice(i + 1))}`
        }).join('')
        await send('Page.navigate', { url }, session)
        let state = null
        while (Date.now() - t0 < shotTimeout) {
            await sleep(200)
            const { result } = await send('Runtime.evaluate', {
                expression: 'JSON.stringify({ready: document.documentElement.dataset.ready, error: document.documentElement.dataset.error})',
                returnByValue: true,
            }, session)
            state = JSON.parse(result.value)
            if (state.ready || state.error) break
        }
        if (!state?.ready) {
            failed++
            console.error(`epub-screens: ${shot.name}: ${state?.error ?? 'timed out'} (${url})`)
            if (!state?.error) continue
        }
        if (shot.name === 'diag') {
            const { result } = await send('Runtime.evaluate', {
                expression: 'document.getElementById("diag").textContent', returnByValue: true,
            }, session)
            writeFileSync(join(outDir, 'diag.json'), result.value + '\n')
            console.log(`epub-screens: ${join(outDir, 'diag.json')}`)
            continue
        }
        await sleep(300)
        if (shot.target) {
            const { result } = await send('Runtime.evaluate', {
                expression: 'document.documentElement.dataset.rect ?? null', returnByValue: true,
            }, session)
            const r = result.value && JSON.parse(result.value)
            if (r) {
                const x = Math.max(0, r.x - shot.target.padX), y = Math.max(0, r.y - shot.target.padY)
                shot.clip = { x, y,
                    width: Math.min(shot.width, r.x + r.width + shot.target.padX) - x,
                    height: Math.min(shot.height, r.y + r.height + shot.target.padY) - y }
            } else console.error(`epub-screens: ${shot.name}: no target to clip to, keeping the whole window`)
        }
        const { data } = await send('Page.captureScreenshot', {
            format: 'png', ...(shot.clip ? { clip: { ...shot.clip, scale: 1 } } : {}),
        }, session)
        const file = join(outDir, `${shot.name}.png`)
        writeFileSync(file, Buffer.from(data, 'base64'))
        appendFileSync(join(outDir, 'fonts.txt'), await reportFonts(session, shot.name) + '\n')
        console.log(`epub-screens: ${file} (${shot.width}x${shot.height}, ${Date.now() - t0} ms)`)
    }
} catch (e) {
    failed++
    console.error(`epub-screens: ${e.stack ?? e}`)
} finally {
    const exited = new Promise(r => chromium.exitCode !== null || chromium.signalCode !== null
        ? r() : chromium.once('exit', r))
    try { await Promise.race([send('Browser.close'), sleep(3000)]) } catch {}
    await Promise.race([exited, sleep(5000)])
    if (chromium.exitCode === null && chromium.signalCode === null) {
        chromium.kill('SIGKILL')
        await Promise.race([exited, sleep(2000)])
    }
    try { rmSync(profile, { recursive: true, force: true, maxRetries: 5 }) } catch (e) {
        console.error(`epub-screens: could not remove ${profile}: ${e.message}`)
    }
}
process.exit(failed ? 1 : 0)
