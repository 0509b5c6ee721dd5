package inventory

// This file converts, on goroutines of their own, the AWS Config items
// whose documents embed nothing of other items (configType.alone): most
// items of a snapshot. The reader goroutine goes on reading and indexing
// while they are converted, and every record still comes out in the order
// the items were read: a record waits in a queue behind the conversions
// read before it.

import "runtime"

// maxPending bounds the records waiting in the queue: the reader waits
// for the oldest once that many are.
const maxPending = 256

// convertPool converts items on its workers and emits records in order.
type convertPool struct {
	out   func(Entity) error                          // the caller's emit
	keep  func(it *configItem, doc *obj, data []byte) // see configConverter.keep
	queue []*pending                                  // oldest first
	jobs  chan *pending                               // to the workers; nil until the first
}

// pending is a record in the queue. done is closed once e is set.
type pending struct {
	e    Entity
	it   *configItem // the item converted, nil for other records
	ct   configType
	doc  *obj
	done chan struct{}
}

// ready is the done of records that need no conversion.
var ready = func() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()

// emit emits e, or queues it behind the conversions in flight.
func (p *convertPool) emit(e Entity) error {
	if len(p.queue) == 0 {
		return p.out(e)
	}
	p.queue = append(p.queue, &pending{e: e, done: ready})
	return nil
}

// convert queues the conversion of it (a type that is alone).
func (p *convertPool) convert(it *configItem, ct configType) {
	if p.jobs == nil {
		p.jobs = make(chan *pending, maxPending)
		for range runtime.GOMAXPROCS(0) {
			go work(p.jobs)
		}
	}
	r := &pending{it: it, ct: ct, done: make(chan struct{})}
	p.queue = append(p.queue, r)
	p.jobs <- r // never blocks: at most maxPending records are queued
}

// work converts the items of jobs until it is closed.
func work(jobs <-chan *pending) {
	for r := range jobs {
		it := r.it
		if err := it.decodeBody(); err != nil {
			r.e = Entity{Err: err, Origin: it.origin}
		} else {
			r.e, r.doc = document(it, r.ct, nil)
		}
		close(r.done)
	}
}

// flush emits the records at the head of the queue that are ready; with
// all, or when the queue is full, it waits for them, all of them with all.
func (p *convertPool) flush(all bool) error {
	for len(p.queue) > 0 {
		r := p.queue[0]
		if all || len(p.queue) >= maxPending {
			<-r.done
		} else {
			select {
			case <-r.done:
			default:
				return nil
			}
		}
		p.queue[0] = nil
		p.queue = p.queue[1:]
		if r.it != nil {
			p.keep(r.it, r.doc, r.e.Data)
		}
		if err := p.out(r.e); err != nil {
			return err
		}
	}
	p.queue = nil
	return nil
}

// stop ends the workers once they have converted what they were given.
func (p *convertPool) stop() {
	if p.jobs != nil {
		close(p.jobs)
		p.jobs = nil
	}
}
