// press: shows one place in an EPUB with foliate-js, for screenshots taken
// by scripts/epub-screens.sh with headless Chromium. No toolbar, no input:
// the place is given in the query string.
//
//   reader.html?book=URL            the EPUB (served from the same origin)
//     &go=start                     where Foliate opens a book: the landmark
//                                   "bodymatter" (the default)
//     &go=N                         spine item N (0 = the first)
//     &go=HREF                      an href in the book, e.g. text/x.xhtml#id
//     &go=epubcfi(...)              a CFI
//     &go=sel:CSS                   the first element, in spine order, that
//                                   matches the CSS selector, e.g.
//                                   sel:blockquote or sel:p.byline
//     &page=K                       then turn K pages forward
//     &toc=1                        open the table of contents side bar, as
//                                   Foliate's own button does
//     &flow=paginated|scrolled      layout (default paginated)
//     &columns=N                    at most N columns in a wide window
//                                   (Foliate's default is 2)
//     &styles=foliate|none          foliate: the reading system's defaults of
//                                   Foliate's reader (line height 1.4,
//                                   justified, hyphenated); none: the
//                                   publisher's stylesheet alone
//     &info=1                       print the place in a corner
//     &diag=1                       no picture: write a JSON report of every
//                                   spine item (fonts loaded, computed
//                                   styles) into <pre id="diag"> for
//                                   chromium --dump-dom
//
// When the place is shown, <html data-ready="1"> is set, and for go=sel:...
// <html data-rect="{x,y,width,height}"> gives where the element is in the
// window; on failure the error is printed on the page and
// <html data-error="..."> is set.

import '../node_modules/foliate-js/view.js'
import { createTOCView } from '../node_modules/foliate-js/ui/tree.js'

const params = new URLSearchParams(location.search)
const $ = s => document.querySelector(s)

// The reading system's own style sheet, as foliate-js's reader.js sets it
// by default (MIT, John Factotum).
const foliateCSS = ({ spacing, justify, hyphenate }) => `
    @namespace epub "http://www.idpf.org/2007/ops";
    html {
        color-scheme: light dark;
    }
    p, li, blockquote, dd {
        line-height: ${spacing};
        text-align: ${justify ? 'justify' : 'start'};
        -webkit-hyphens: ${hyphenate ? 'auto' : 'manual'};
        hyphens: ${hyphenate ? 'auto' : 'manual'};
        -webkit-hyphenate-limit-before: 3;
        -webkit-hyphenate-limit-after: 2;
        -webkit-hyphenate-limit-lines: 2;
        hanging-punctuation: allow-end last;
        widows: 2;
    }
    [align="left"] { text-align: left; }
    [align="right"] { text-align: right; }
    [align="center"] { text-align: center; }
    [align="justify"] { text-align: justify; }
    pre {
        white-space: pre-wrap !important;
    }
    aside[epub|type~="endnote"],
    aside[epub|type~="footnote"],
    aside[epub|type~="note"],
    aside[epub|type~="rearnote"] {
        display: none;
    }
`

const nextFrame = () => new Promise(r => requestAnimationFrame(() => r()))
const sleep = ms => new Promise(r => setTimeout(r, ms))

const fail = e => {
    console.error(e)
    $('#error').textContent = `reader: ${e?.stack ?? e}`
    document.documentElement.dataset.error = String(e?.message ?? e)
}

const settle = async view => {
    for (const { doc } of view.renderer.getContents()) await doc?.fonts?.ready
    await nextFrame()
    await nextFrame()
    await sleep(100)
}

const findSelector = async (book, sel) => {
    for (const [index, section] of book.sections.entries()) {
        if (!section.createDocument) continue
        const doc = await section.createDocument()
        if (doc.querySelector(sel)) return index
    }
    throw new Error(`no spine item has an element matching ${sel}`)
}

let targetSelector = null

// Where the element go=sel:... went to is in the window, for close-ups.
const targetRect = view => {
    const { doc } = view.renderer.getContents()[0] ?? {}
    const el = targetSelector && doc?.querySelector(targetSelector)
    const frame = doc?.defaultView?.frameElement
    if (!el || !frame) return null
    const f = frame.getBoundingClientRect()
    const r = el.getBoundingClientRect()
    return { x: f.left + r.left, y: f.top + r.top, width: r.width, height: r.height }
}

const go = async (view, target) => {
    if (!target || target === 'start') return view.goToTextStart()
    if (/^\d+$/.test(target)) return view.renderer.goTo({ index: Number(target) })
    if (target.startsWith('sel:')) {
        const sel = target.slice(4)
        const index = await findSelector(view.book, sel)
        targetSelector = sel
        return view.renderer.goTo({ index, anchor: doc => doc.querySelector(sel) })
    }
    const resolved = view.resolveNavigation(target)
    if (!resolved) throw new Error(`cannot resolve ${target}`)
    return view.renderer.goTo(resolved)
}

const showTOC = book => {
    const bar = document.createElement('div')
    bar.id = 'side-bar'
    bar.innerHTML = `<div id="side-bar-header"><h1 id="side-bar-title"></h1>
        <p id="side-bar-author"></p></div><div id="toc-view"></div>`
    const overlay = document.createElement('div')
    overlay.id = 'dimming-overlay'
    document.body.append(overlay, bar)
    const md = book.metadata ?? {}
    const name = x => typeof x === 'string' ? x : x?.name ?? ''
    const lang = x => typeof x === 'string' ? x : x ? Object.values(x)[0] : ''
    $('#side-bar-title').textContent = lang(md.title)
    $('#side-bar-author').textContent = [md.author].flat().map(a => lang(name(a))).join(', ')
    if (book.toc) {
        const tv = createTOCView(book.toc, () => {})
        $('#toc-view').append(tv.element)
        return tv
    }
    $('#toc-view').textContent = '(the book has no table of contents)'
}

const fontsOf = doc => [...(doc.fonts ?? [])].map(f =>
    `${f.family.replace(/"/g, '')} ${f.style} ${f.weight}: ${f.status}`)

const styleOf = (doc, sel, props) => {
    const el = doc.querySelector(sel)
    if (!el) return null
    const cs = doc.defaultView.getComputedStyle(el)
    return Object.fromEntries(props.map(p => [p, cs.getPropertyValue(p)]))
}

const diagnose = async view => {
    const out = {
        userAgent: navigator.userAgent,
        window: `${innerWidth}x${innerHeight}`,
        hyphensSupported: CSS.supports('hyphens', 'auto'),
        metadata: view.book.metadata,
        toc: view.book.toc,
        landmarks: view.book.landmarks,
        sections: [],
    }
    for (const [index, section] of view.book.sections.entries()) {
        await view.renderer.goTo({ index })
        await settle(view)
        const { doc } = view.renderer.getContents()[0] ?? {}
        if (!doc) { out.sections.push({ index, id: section.id, error: 'not rendered' }); continue }
        const text = ['font-family', 'font-size', 'line-height', 'text-align', 'hyphens',
            'text-indent', 'font-variant-caps', 'font-style', 'margin']
        const r = {
            index, id: section.id, linear: section.linear,
            lang: doc.documentElement.lang || doc.documentElement.getAttribute('xml:lang'),
            pages: view.renderer.pages,
            fonts: fontsOf(doc),
            vollkornRegular: doc.fonts?.check?.('16px Vollkorn'),
            styles: {},
        }
        for (const sel of ['body', 'p', 'p + p', 'h1', 'h2', 'blockquote', 'blockquote p',
            'p.byline', 'a.noteref', 'a.backlink', 'section.endnotes li', 'section.titlepage p.author',
            'section.titlepage p.publisher', 'section.titlepage p.colophon'])
            {
                const s = styleOf(doc, sel, sel.startsWith('a.')
                    ? [...text, 'vertical-align', 'color', 'text-decoration-line'] : text)
                if (s) r.styles[sel] = s
            }
        // Lines that a noteref makes taller than the paragraph's line height.
        r.noterefs = [...doc.querySelectorAll('a.noteref')].map(a => {
            const p = a.closest('p')
            const lh = parseFloat(doc.defaultView.getComputedStyle(p).lineHeight)
            const range = doc.createRange()
            range.selectNodeContents(p)
            const rects = [...range.getClientRects()]
            const ar = a.getBoundingClientRect()
            const line = rects.filter(x => x.top <= ar.bottom && x.bottom >= ar.top)
            return { text: a.textContent, lineHeight: lh, refTop: ar.top, refHeight: ar.height,
                lineRects: line.length }
        })
        // Elements wider than their column (overflow).
        r.overflow = [...doc.body.querySelectorAll('*')].filter(el =>
            el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
            .map(el => `${el.localName}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`)
        out.sections.push(r)
    }
    $('#diag').textContent = JSON.stringify(out, null, 1)
}

const main = async () => {
    const url = params.get('book')
    if (!url) throw new Error('no ?book= given')
    const view = document.createElement('foliate-view')
    document.body.append(view)
    await view.open(url)
    const r = view.renderer
    r.setAttribute('flow', params.get('flow') ?? 'paginated')
    if (params.has('columns')) r.setAttribute('max-column-count', params.get('columns'))
    if ((params.get('styles') ?? 'foliate') === 'foliate')
        r.setStyles?.(foliateCSS({ spacing: 1.4, justify: true, hyphenate: true }))
    if (params.get('info') === '1') view.addEventListener('relocate', ({ detail }) => {
        $('#info').textContent = `spine ${r.getContents()[0]?.index ?? '?'} · page ${r.page}/${r.pages - 2}`
            + ` · ${Math.round((detail.fraction ?? 0) * 100)}%`
    })
    if (params.get('diag') === '1') {
        await diagnose(view)
    } else {
        await go(view, params.get('go'))
        await settle(view)
        for (let k = Number(params.get('page') ?? 0); k > 0; k--) await view.next()
        await settle(view)
        if (params.get('toc') === '1') {
            const tv = showTOC(view.book)
            const item = view.lastLocation?.tocItem
            if (tv && item?.href) tv.setCurrentHref?.(item.href)
        }
    }
    const rect = params.get('diag') === '1' ? null : targetRect(view)
    if (rect) document.documentElement.dataset.rect = JSON.stringify(rect)
    document.documentElement.dataset.ready = '1'
    document.title = 'ready'
}

main().catch(fail)
