// press: checks an HTML edition in headless Chromium. Runs axe-core (WCAG 2
// A and AA rules and best practices) and fails on any violation; then clicks
// every link of the contents, every note reference (after checking that the
// note's text shows below it under the pointer) and every note's link back,
// and fails unless each one lands on its target: the address ends
// with the link's fragment, and the element with that id exists and is
// scrolled into the window.
//
// usage: node scripts/html-check.mjs FILE.html ...
// Environment: CHROMIUM (default /usr/bin/chromium).
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { resolve, dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const tools = join(dirname(fileURLToPath(import.meta.url)), '..', 'tools')
const require = createRequire(join(tools, 'package.json'))
const puppeteer = require('puppeteer-core')
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'],
})
let failed = 0
const fail = (file, msg) => { failed++; console.log(`FAIL: ${file}: ${msg}`) }
try {
    for (const file of process.argv.slice(2)) {
        const page = await browser.newPage()
        await page.setViewport({ width: 1280, height: 800 })
        const url = pathToFileURL(resolve(file)).href
        await page.goto(url, { waitUntil: 'load' })
        await page.evaluate(axeSource)
        const res = await page.evaluate(() => axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
        }))
        for (const v of res.violations) {
            fail(file, `axe ${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)
        }
        const links = await page.$$eval('#toc a, a.noteref, a.backlink', as => as.map((a, i) => ({ i, href: a.getAttribute('href'), cls: a.className })))
        let toc = 0, refs = 0, backs = 0
        for (const l of links) {
            if (!l.href.startsWith('#')) { fail(file, `link ${l.href} does not stay in the page`); continue }
            await page.goto(url, { waitUntil: 'load' })
            const box = await page.evaluate(i => {
                const a = document.querySelectorAll('#toc a, a.noteref, a.backlink')[i]
                a.scrollIntoView({ block: 'center' })
                const r = a.getBoundingClientRect()
                return { x: r.left + r.width / 2, y: r.top + r.height / 2 }
            }, l.i)
            if (l.cls.includes('noteref')) {
                // The note's text shows below the reference under the pointer.
                await page.mouse.move(box.x, box.y)
                const shown = await page.evaluate(i => {
                    const a = document.querySelectorAll('#toc a, a.noteref, a.backlink')[i]
                    const p = a.nextElementSibling
                    if (!p || !p.classList.contains('note-preview')) return 'no note preview after the reference'
                    const r = p.getBoundingClientRect()
                    if (getComputedStyle(p).display === 'none' || r.height === 0) return 'the note preview stays hidden under the pointer'
                    return ''
                }, l.i)
                if (shown) fail(file, `note reference ${l.href}: ${shown}`)
            }
            await page.mouse.click(box.x, box.y)
            await new Promise(r => setTimeout(r, 30))
            const landed = await page.evaluate(href => {
                const id = decodeURIComponent(href.slice(1))
                const el = document.getElementById(id)
                if (!el) return 'no element with id ' + id
                if (location.hash !== href) return 'address ends with ' + location.hash
                const r = el.getBoundingClientRect()
                if (r.bottom < 0 || r.top > innerHeight) return `target ${id} is not in the window (top ${Math.round(r.top)})`
                return ''
            }, l.href)
            if (landed) fail(file, `clicking ${l.cls || 'contents'} link ${l.href}: ${landed}`)
            if (l.cls.includes('noteref')) refs++
            else if (l.cls.includes('backlink')) backs++
            else toc++
        }
        if (refs !== backs) fail(file, `${refs} note references but ${backs} links back`)
        console.log(`html-check: ${file}: axe ${res.violations.length} violations (${res.passes.length} rules passed); clicked ${toc} contents links, ${refs} note references, ${backs} links back`)
        await page.close()
    }
} finally {
    await browser.close()
}
process.exit(failed ? 1 : 0)
